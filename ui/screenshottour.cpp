#include "screenshottour.h"

#include "aboutdialog.h"
#include "connect/connectdialog.h"
#include "mainwindow.h"
#include "orders/orderspage.h"
#include "preferences/preferencesdialog.h"
#include "products/productspage.h"
#include "session/shopsession.h"
#include "sync/syncpanel.h"
#include "widgets/banner.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QPalette>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTimer>

namespace tts {

QPalette ScreenshotTour::darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe8, 0xea, 0xed);
    const QColor button(0x3a, 0x3c, 0x41), highlight(0x3d, 0x7e, 0xd6), dim(0x9a, 0xa0, 0xa6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, button);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, dim);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, button.lighter(130));
    p.setColor(QPalette::Midlight, button.lighter(115));
    p.setColor(QPalette::Mid, button.darker(120));
    p.setColor(QPalette::Dark, base.darker(130));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, highlight.lighter(130));
    p.setColor(QPalette::Disabled, QPalette::Text, dim);
    p.setColor(QPalette::Disabled, QPalette::WindowText, dim);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, dim);
    return p;
}

ScreenshotTour::ScreenshotTour(MainWindow* window, const QString& directory)
    : QObject(window), m_window(window), m_dir(directory)
{}

bool ScreenshotTour::save(QWidget* widget, const QString& name)
{
    QDir().mkpath(m_dir);
    const QString file = QDir(m_dir).filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(file))
        return false;
    m_saved << file;
    return true;
}

void ScreenshotTour::run()
{
    MainWindow* w = m_window;
    m_steps = {
        [w] { w->showPage(QStringLiteral("dashboard")); },
        [this, w] {
            save(w, QStringLiteral("01-dashboard"));
            w->showPage(QStringLiteral("orders"));
            w->ordersPage()->selectRow(0);
        },
        [this, w] {
            save(w, QStringLiteral("02-orders"));
            w->ordersPage()->searchField()->setText(QStringLiteral("no order has this text"));
            w->ordersPage()->applyFilter();
        },
        [this, w] {
            save(w, QStringLiteral("03-orders-no-match"));
            w->ordersPage()->searchField()->clear();
            w->ordersPage()->applyFilter();
            w->showPage(QStringLiteral("products"));
        },
        [this, w] {
            save(w, QStringLiteral("04-products"));
            auto* dialog = new ConnectDialog(ShopProfile::realShop(), w);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setObjectName(QStringLiteral("tourConnectDialog"));
            dialog->show();
        },
        [this, w] {
            if (auto* dialog = w->findChild<ConnectDialog*>(QStringLiteral("tourConnectDialog"))) {
                save(dialog, QStringLiteral("05-connect-dialog"));
                dialog->close();
            }
            auto* box =
                new QMessageBox(QMessageBox::Question, MainWindow::tr("Full Resync"),
                                MainWindow::tr("Download every order again?"), QMessageBox::Cancel, w);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setObjectName(QStringLiteral("tourResyncBox"));
            box->setInformativeText(w->fullResyncQuestion());
            box->setDefaultButton(
                box->addButton(MainWindow::tr("Start Full Resync"), QMessageBox::AcceptRole));
            box->show();
        },
        [this, w] {
            if (auto* box = w->findChild<QMessageBox*>(QStringLiteral("tourResyncBox"))) {
                save(box, QStringLiteral("06-full-resync-confirmation"));
                box->close();
            }
            w->banner()->showMessage(Banner::Kind::Error,
                                     MainWindow::tr("TikTok Shop could not be reached (network unreachable). "
                                                    "Your data is safe; check the connection and retry."),
                                     MainWindow::tr("Retry"), QStringLiteral("retry"));
        },
        [this, w] {
            save(w, QStringLiteral("07-error-banner"));
            w->banner()->clear();
            auto* about = new AboutDialog(w);
            about->setAttribute(Qt::WA_DeleteOnClose);
            about->setObjectName(QStringLiteral("tourAbout"));
            about->show();
        },
        [this, w] {
            if (auto* about = w->findChild<AboutDialog*>(QStringLiteral("tourAbout"))) {
                save(about, QStringLiteral("08-about"));
                about->close();
            }
            auto* prefs = new PreferencesDialog(w);
            prefs->setAttribute(Qt::WA_DeleteOnClose);
            prefs->setObjectName(QStringLiteral("tourPreferences"));
            prefs->show();
        },
        [this, w] {
            if (auto* prefs = w->findChild<PreferencesDialog*>(QStringLiteral("tourPreferences"))) {
                save(prefs, QStringLiteral("09-preferences"));
                prefs->close();
            }
            // The dark palette, as a dark desktop theme sets it.
            m_lightPalette = qApp->palette();
            qApp->setPalette(darkPalette());
            w->showPage(QStringLiteral("dashboard"));
        },
        [this, w] {
            save(w, QStringLiteral("10-dashboard-dark"));
            w->showPage(QStringLiteral("orders"));
        },
        [this, w] {
            save(w, QStringLiteral("10-orders-dark"));
            w->showPage(QStringLiteral("products"));
        },
        [this, w] {
            save(w, QStringLiteral("10-products-dark"));
            qApp->setPalette(m_lightPalette);
            // A small window: a laptop split screen.
            m_size = w->size();
            w->resize(820, 560);
            w->showPage(QStringLiteral("dashboard"));
        },
        [this, w] {
            save(w, QStringLiteral("11-dashboard-small"));
            w->showPage(QStringLiteral("orders"));
        },
        [this, w] {
            save(w, QStringLiteral("11-orders-small"));
            w->showPage(QStringLiteral("products"));
        },
        [this, w] {
            save(w, QStringLiteral("11-products-small"));
            w->resize(m_size);
            // Progress mid-sync: a full resync, captured once figures arrive, then cancelled (what
            // was fetched is kept).
            w->showPage(QStringLiteral("dashboard"));
            m_waitingForProgress = true;
            connect(w->session(), &ShopSession::syncProgress, this, [this](const SyncProgress& p) {
                if (m_waitingForProgress && p.ordersTotal > 0 && p.ordersDone > 0) {
                    m_waitingForProgress = false;
                    QTimer::singleShot(250, this, &ScreenshotTour::captureProgress);
                }
            });
            connect(w->session(), &ShopSession::syncFinished, this,
                    [this] { QTimer::singleShot(300, this, [this] { next(); }); });
            connect(w->session(), &ShopSession::syncFailed, this,
                    [this] { QTimer::singleShot(300, this, [this] { next(); }); });
            w->session()->startSync(SyncMode::Full);
        },
        [this, w] { save(w, QStringLiteral("13-after-cancel")); },
    };
    QTimer::singleShot(300, this, [this] { next(); });
}

void ScreenshotTour::captureProgress()
{
    save(m_window, QStringLiteral("12-sync-progress"));
    m_window->cancelSync();
}

void ScreenshotTour::next()
{
    if (m_steps.isEmpty()) {
        Q_EMIT finished(m_saved);
        if (m_quit)
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        return;
    }
    const auto step = m_steps.takeFirst();
    const bool waits = m_steps.size() == 1; // the full resync step continues on its own signals
    step();
    if (!waits)
        QTimer::singleShot(400, this, [this] { next(); });
}

} // namespace tts
