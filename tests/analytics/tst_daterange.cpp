#include "analytics/daterange.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using tts::DateRange;
using tts::Preset;

namespace {

QTimeZone zone(const char* id)
{
    return QTimeZone(QByteArray(id));
}

QDateTime local(const char* id, int y, int m, int d, int h = 0, int min = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), zone(id));
}

} // namespace

class TestDateRange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(zone("Europe/Berlin").isValid(), "tzdata is needed");
    }

    void presets_data()
    {
        QTest::addColumn<int>("preset");
        QTest::addColumn<QString>("zoneId");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::addColumn<qint64>("hours");

        // Berlin, on the day clocks go forward (2026-03-29 02:00 CET -> 03:00 CEST).
        const QDateTime dst = local("Europe/Berlin", 2026, 3, 29, 12);
        const auto b = [](int y, int m, int d) {
            return local("Europe/Berlin", y, m, d);
        };
        QTest::newRow("today, 23-hour day") << int(Preset::Today) << u"Europe/Berlin"_s << dst
                                            << b(2026, 3, 29) << b(2026, 3, 30) << qint64(23);
        QTest::newRow("7 days") << int(Preset::Last7Days) << u"Europe/Berlin"_s << dst << b(2026, 3, 23)
                                << b(2026, 3, 30) << qint64(7 * 24 - 1);
        QTest::newRow("30 days") << int(Preset::Last30Days) << u"Europe/Berlin"_s << dst << b(2026, 2, 28)
                                 << b(2026, 3, 30) << qint64(30 * 24 - 1);
        QTest::newRow("90 days, over new year") << int(Preset::Last90Days) << u"Europe/Berlin"_s << dst
                                                << b(2025, 12, 30) << b(2026, 3, 30) << qint64(90 * 24 - 1);
        QTest::newRow("this month") << int(Preset::ThisMonth) << u"Europe/Berlin"_s << dst << b(2026, 3, 1)
                                    << b(2026, 4, 1) << qint64(31 * 24 - 1);
        QTest::newRow("last month, February") << int(Preset::LastMonth) << u"Europe/Berlin"_s << dst
                                              << b(2026, 2, 1) << b(2026, 3, 1) << qint64(28 * 24);
        // 2025-04-01 .. 2026-04-01: 365 days; October's fall back and March's spring forward cancel.
        QTest::newRow("12 months") << int(Preset::Last12Months) << u"Europe/Berlin"_s << dst << b(2025, 4, 1)
                                   << b(2026, 4, 1) << qint64(365 * 24);

        // New York falls back on 2026-11-01 (02:00 EDT -> 01:00 EST): a 25-hour day.
        QTest::newRow("today, 25-hour day")
            << int(Preset::Today) << u"America/New_York"_s << local("America/New_York", 2026, 11, 1, 9)
            << local("America/New_York", 2026, 11, 1) << local("America/New_York", 2026, 11, 2) << qint64(25);

        // 2026-01-31 23:30 UTC is already 1 February in Tokyo: "this month" is February there.
        const QDateTime utcLate(QDate(2026, 1, 31), QTime(23, 30), QTimeZone::utc());
        QTest::newRow("this month, local date ahead of UTC")
            << int(Preset::ThisMonth) << u"Asia/Tokyo"_s << utcLate << local("Asia/Tokyo", 2026, 2, 1)
            << local("Asia/Tokyo", 2026, 3, 1) << qint64(28 * 24);
        QTest::newRow("last month, January, year boundary")
            << int(Preset::LastMonth) << u"Asia/Tokyo"_s << local("Asia/Tokyo", 2026, 1, 15, 10)
            << local("Asia/Tokyo", 2025, 12, 1) << local("Asia/Tokyo", 2026, 1, 1) << qint64(31 * 24);
        QTest::newRow("today, UTC") << int(Preset::Today) << u"UTC"_s << utcLate
                                    << QDateTime(QDate(2026, 1, 31), QTime(0, 0), QTimeZone::utc())
                                    << QDateTime(QDate(2026, 2, 1), QTime(0, 0), QTimeZone::utc())
                                    << qint64(24);
    }
    void presets()
    {
        QFETCH(int, preset);
        QFETCH(QString, zoneId);
        QFETCH(QDateTime, now);
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        QFETCH(qint64, hours);
        const DateRange range = tts::presetRange(Preset(preset), now, QTimeZone(zoneId.toLatin1()));
        QCOMPARE(range.from, from);
        QCOMPARE(range.to, to);
        QCOMPARE(range.from.secsTo(range.to), hours * 3600);
        if (Preset(preset) != Preset::LastMonth)
            QVERIFY(range.from <= now && now < range.to);
        else
            QVERIFY(range.to <= now);
    }

    void customRange()
    {
        const QTimeZone berlin = zone("Europe/Berlin");
        const DateRange r = tts::customRange(QDate(2026, 3, 27), QDate(2026, 3, 30), berlin);
        QCOMPARE(r.from, local("Europe/Berlin", 2026, 3, 27));
        QCOMPARE(r.to, local("Europe/Berlin", 2026, 3, 31));
        // Reversed input is the same range; a single day is one day.
        QCOMPARE(tts::customRange(QDate(2026, 3, 30), QDate(2026, 3, 27), berlin), r);
        QCOMPARE(tts::customRange(QDate(2026, 3, 1), QDate(2026, 3, 1), berlin).to,
                 local("Europe/Berlin", 2026, 3, 2));
        QVERIFY(!tts::customRange(QDate(), QDate(2026, 3, 1), berlin).isValid());
    }

    void midnightInDstGap()
    {
        // Chile springs forward at midnight: 2026-09-06 starts at 01:00 local (04:00 UTC).
        const QTimeZone santiago = zone("America/Santiago");
        const DateRange r = tts::customRange(QDate(2026, 9, 6), QDate(2026, 9, 6), santiago);
        QCOMPARE(r.from.toUTC(), QDateTime(QDate(2026, 9, 6), QTime(4, 0), QTimeZone::utc()));
        QCOMPARE(r.from.secsTo(r.to), qint64(23 * 3600));
    }

    void previousRange()
    {
        const QTimeZone berlin = zone("Europe/Berlin");
        // Whole days over the DST change: the 4 local days before, not 4 x 24 hours.
        const DateRange days = tts::customRange(QDate(2026, 3, 27), QDate(2026, 3, 30), berlin);
        QCOMPARE(tts::previousRange(days, berlin),
                 tts::customRange(QDate(2026, 3, 23), QDate(2026, 3, 26), berlin));
        // Whole months: the month before, whatever its length.
        const DateRange march =
            tts::presetRange(Preset::ThisMonth, local("Europe/Berlin", 2026, 3, 10), berlin);
        QCOMPARE(tts::previousRange(march, berlin),
                 tts::presetRange(Preset::LastMonth, local("Europe/Berlin", 2026, 3, 10), berlin));
        const DateRange year =
            tts::presetRange(Preset::Last12Months, local("Europe/Berlin", 2026, 3, 10), berlin);
        QCOMPARE(tts::previousRange(year, berlin).from, local("Europe/Berlin", 2024, 4, 1));
        QCOMPARE(tts::previousRange(year, berlin).to, year.from);
        // Anything else: the same duration.
        const DateRange odd{local("Europe/Berlin", 2026, 3, 10, 6), local("Europe/Berlin", 2026, 3, 10, 18)};
        QCOMPARE(tts::previousRange(odd, berlin).from, local("Europe/Berlin", 2026, 3, 9, 18));
        QVERIFY(!tts::previousRange(DateRange{}, berlin).isValid());
    }

    void periods()
    {
        using tts::Granularity;
        // 2026-03-27 is a Friday: its ISO week starts on Monday 23 March.
        QCOMPARE(tts::periodStartDate(QDate(2026, 3, 27), Granularity::Week), QDate(2026, 3, 23));
        QCOMPARE(tts::periodStartDate(QDate(2026, 3, 23), Granularity::Week), QDate(2026, 3, 23));
        QCOMPARE(tts::periodStartDate(QDate(2026, 3, 29), Granularity::Week), QDate(2026, 3, 23)); // Sunday
        QCOMPARE(tts::periodStartDate(QDate(2026, 3, 27), Granularity::Month), QDate(2026, 3, 1));
        QCOMPARE(tts::nextPeriodStartDate(QDate(2026, 1, 1), Granularity::Month), QDate(2026, 2, 1));
        QCOMPARE(tts::nextPeriodStartDate(QDate(2026, 12, 28), Granularity::Week), QDate(2027, 1, 4));
        QCOMPARE(tts::defaultGranularity(Preset::Last12Months), Granularity::Month);
        QCOMPARE(tts::defaultGranularity(Preset::Last90Days), Granularity::Week);
        QCOMPARE(tts::defaultGranularity(Preset::Last30Days), Granularity::Day);
    }
};

QTEST_GUILESS_MAIN(TestDateRange)
#include "tst_daterange.moc"
