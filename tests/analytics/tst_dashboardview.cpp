#include "analytics/money.h"
#include "analyticstestdb.h"
#include "charts/dashboardview.h"
#include "testsupport.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using tts::test::TestItem;

namespace {

const QTimeZone kBerlin("Europe/Berlin");

QDateTime berlin(int m, int d, int h = 12)
{
    return QDateTime(QDate(2026, m, d), QTime(h, 0), kBerlin);
}

QString labelText(const QWidget& view, const QString& name)
{
    const auto* label = view.findChild<QLabel*>(name);
    return label ? label->text() : u"<no label "_s + name + u'>';
}

// reload() runs on a worker thread: wait for the figures to be on screen.
bool reloadAndWait(tts::DashboardView& view)
{
    QSignalSpy spy(&view, &tts::DashboardView::reloaded);
    view.reload();
    return spy.wait(60000) && !view.isReloading();
}

// Distinct colours in a grid of samples: a blank or single-colour image has 1.
int colourVariety(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace

class TestDashboardView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void missingDatabaseShowsEmptyState();
    void showsKpis();
    void reloadSeesNewOrders();
    void currencySelector();
    void savesChartsAsPng();
    void followsDarkPalette();
    void largeDatabase();

private:
    void openView(tts::DashboardView& view);

    tts::test::TempDir m_dir;
    std::unique_ptr<tts::test::AnalyticsTestDb> m_db;
};

void TestDashboardView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(u"en_US"_s));
    m_db = std::make_unique<tts::test::AnalyticsTestDb>(m_dir.databasePath());
    QVERIFY2(m_db->isOpen(), qPrintable(m_db->error()));
    auto& db = *m_db;
    QVERIFY(db.addShop(u"A"_s, u"Sunrise Goods"_s));
    QVERIFY(db.addProduct(u"P1"_s, u"A"_s, u"Ceramic Mug, 350 ml"_s));
    // 1..7 March: 3 sales (2130 + 10000 + 505 = 12635), 1 cancelled.
    QVERIFY(db.addOrder(u"o1"_s, u"A"_s, u"COMPLETED"_s, berlin(3, 2), u"USD"_s, u"21.3"_s,
                        {{u"P1"_s, u"Mug"_s, u"10.65"_s}, {u"P1"_s, u"Mug"_s, u"10.65"_s}}));
    QVERIFY(db.addOrder(u"o2"_s, u"A"_s, u"DELIVERED"_s, berlin(3, 4), u"USD"_s, u"100.00"_s,
                        {{u"P2"_s, u"Desk Lamp"_s, u"50.00"_s}, {u"P2"_s, u"Desk Lamp"_s, u"50.00"_s}}));
    QVERIFY(db.addOrder(u"o3"_s, u"A"_s, u"AWAITING_SHIPMENT"_s, berlin(3, 6), u"USD"_s, u"5.05"_s,
                        {{u"P3"_s, u"Sticker pack"_s, u"5.05"_s}}));
    QVERIFY(db.addOrder(u"o4"_s, u"A"_s, u"CANCELLED"_s, berlin(3, 6, 18), u"USD"_s, u"9.00"_s,
                        {{u"P3"_s, u"Sticker pack"_s, u"9.00"_s}}));
    // The 7 days before: one sale of 50.00.
    QVERIFY(db.addOrder(u"o0"_s, u"A"_s, u"COMPLETED"_s, berlin(2, 25), u"USD"_s, u"50.00"_s,
                        {{u"P1"_s, u"Mug"_s, u"50.00"_s}}));
}

void TestDashboardView::openView(tts::DashboardView& view)
{
    view.setTimeZone(kBerlin);
    view.setDatabasePath(m_dir.databasePath());
    view.setCustomRange(QDate(2026, 3, 1), QDate(2026, 3, 7));
    QVERIFY(reloadAndWait(view));
}

void TestDashboardView::missingDatabaseShowsEmptyState()
{
    tts::DashboardView view;
    view.setDatabasePath(m_dir.filePath(u"nothing-here.sqlite"_s));
    QVERIFY(reloadAndWait(view));
    QVERIFY(!view.hasData());
    QVERIFY(labelText(view, u"dashboardEmptyState"_s).startsWith(u"No data yet"_s));
    QVERIFY(!QFile::exists(m_dir.filePath(u"nothing-here.sqlite"_s))); // read-only: never created
    QString error;
    QVERIFY(!view.saveChartsAsPng(m_dir.filePath(u"png"_s), &error));
    QVERIFY(!error.isEmpty());
}

void TestDashboardView::showsKpis()
{
    tts::DashboardView view;
    openView(view);
    QVERIFY(view.hasData());
    // 2130 + 10000 + 505 = 12635 -> $126.35; AOV 12635 / 3 = 4211.67 -> $42.12
    QCOMPARE(labelText(view, u"kpiRevenueValue"_s), u"$126.35"_s);
    QCOMPARE(labelText(view, u"kpiOrdersValue"_s), u"3"_s);
    QCOMPARE(labelText(view, u"kpiAovValue"_s), u"$42.12"_s);
    QCOMPARE(labelText(view, u"kpiUnitsValue"_s), u"5"_s);
    QCOMPARE(labelText(view, u"kpiCancellationValue"_s), u"25.0%"_s); // 1 of 4
    // Previous 7 days: 5000 -> +152.7%
    QCOMPARE(labelText(view, u"kpiRevenueComparison"_s), u"▲ 152.7% vs 22 Feb – 28 Feb"_s);
    QVERIFY(labelText(view, u"kpiOrdersComparison"_s).startsWith(u"▲ 200.0%"_s));
    QCOMPARE(view.data().topByUnits.first().productName, u"Ceramic Mug, 350 ml"_s);
    QVERIFY(!view.findChild<QComboBox*>(u"currencyCombo"_s)->isVisibleTo(&view)); // one currency
}

void TestDashboardView::reloadSeesNewOrders()
{
    tts::DashboardView view;
    openView(view);
    QCOMPARE(labelText(view, u"kpiRevenueValue"_s), u"$126.35"_s);
    QVERIFY(m_db->addOrder(u"o5"_s, u"A"_s, u"COMPLETED"_s, berlin(3, 7), u"USD"_s, u"1000.00"_s,
                           {{u"P4"_s, u"Bluetooth speaker"_s, u"1000.00"_s}}));
    QVERIFY(m_db->setStatus(u"o3"_s, u"CANCELLED"_s));
    QVERIFY(reloadAndWait(view));
    // 12635 - 505 + 100000 = 112130
    QCOMPARE(labelText(view, u"kpiRevenueValue"_s), u"$1,121.30"_s);
    QCOMPARE(labelText(view, u"kpiCancellationValue"_s), u"40.0%"_s); // 2 of 5
}

void TestDashboardView::currencySelector()
{
    QVERIFY(m_db->addOrder(u"e1"_s, u"A"_s, u"COMPLETED"_s, berlin(3, 5), u"EUR"_s, u"19.99"_s,
                           {{u"P5"_s, u"Poster"_s, u"19.99"_s}}));
    tts::DashboardView view;
    openView(view);
    auto* combo = view.findChild<QComboBox*>(u"currencyCombo"_s);
    QVERIFY(combo->isVisibleTo(&view));
    QCOMPARE(view.currency(), u"USD"_s); // the larger revenue first
    view.setCurrency(u"EUR"_s);
    QCOMPARE(labelText(view, u"kpiRevenueValue"_s), tts::formatMoney(1999, u"EUR"_s, QLocale()));
    QCOMPARE(labelText(view, u"kpiOrdersValue"_s), u"1"_s);
}

void TestDashboardView::savesChartsAsPng()
{
    tts::DashboardView view;
    view.resize(1280, 860);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openView(view);
    const QString out = qEnvironmentVariableIsSet("TTS_SCREENSHOT_DIR")
                            ? qEnvironmentVariable("TTS_SCREENSHOT_DIR") + u"/light"_s
                            : m_dir.filePath(u"png"_s);
    QString error;
    QVERIFY2(view.saveChartsAsPng(out, &error), qPrintable(error));
    for (const QString& name : {u"revenue.png"_s, u"statuses.png"_s, u"top-units.png"_s, u"top-revenue.png"_s,
                                u"dashboard.png"_s}) {
        QImage image(QDir(out).filePath(name));
        QVERIFY2(!image.isNull(), qPrintable(name));
        QVERIFY(image.width() >= 400 && image.height() >= 200);
        QVERIFY2(colourVariety(image) > 20, qPrintable(name)); // something was drawn
    }
}

void TestDashboardView::followsDarkPalette()
{
    tts::DashboardView view;
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::Base, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    view.setPalette(dark);
    view.resize(1280, 860);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    openView(view);
    auto* revenue = view.findChild<QChartView*>(u"revenueChart"_s);
    QCOMPARE(revenue->chart()->theme(), QChart::ChartThemeDark);
    QVERIFY(revenue->renderHints().testFlag(QPainter::Antialiasing));
    QCOMPARE(revenue->chart()->isBackgroundVisible(), false);
    if (qEnvironmentVariableIsSet("TTS_SCREENSHOT_DIR")) {
        QString error;
        QVERIFY2(view.saveChartsAsPng(qEnvironmentVariable("TTS_SCREENSHOT_DIR") + u"/dark"_s, &error),
                 qPrintable(error));
    }
    view.setPalette(QPalette(QColor(0xf0, 0xf0, 0xf0))); // back to light: charts re-themed
    QCOMPARE(revenue->chart()->theme(), QChart::ChartThemeLight);
}

// A look at a big shop: TTS_DASHBOARD_DB=<analyticsbench --db file> TTS_SCREENSHOT_DIR=<dir>.
void TestDashboardView::largeDatabase()
{
    const QString path = qEnvironmentVariable("TTS_DASHBOARD_DB");
    const QString out = qEnvironmentVariable("TTS_SCREENSHOT_DIR");
    if (path.isEmpty() || out.isEmpty())
        QSKIP("set TTS_DASHBOARD_DB and TTS_SCREENSHOT_DIR to look at a large dashboard");
    tts::DashboardView view;
    view.resize(1280, 860);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setDatabasePath(path);
    for (const auto& [preset, name] : {std::pair{tts::Preset::Last12Months, u"large-12-months"_s},
                                       std::pair{tts::Preset::Last30Days, u"large-30-days"_s}}) {
        view.setPreset(preset);
        QVERIFY(reloadAndWait(view));
        QVERIFY(view.hasData());
        qInfo() << name << "refresh" << view.lastRefreshMs() << "ms";
        QString error;
        QVERIFY2(view.saveChartsAsPng(out + u'/' + name, &error), qPrintable(error));
    }
}

QTEST_MAIN(TestDashboardView)
#include "tst_dashboardview.moc"
