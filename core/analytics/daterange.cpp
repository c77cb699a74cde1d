#include "daterange.h"

namespace tts {

namespace {

QDate localDate(const QDateTime& t, const QTimeZone& zone)
{
    return t.toTimeZone(zone).date();
}

bool isLocalMidnight(const QDateTime& t, const QTimeZone& zone)
{
    return startOfLocalDay(localDate(t, zone), zone) == t;
}

} // namespace

QDateTime startOfLocalDay(QDate day, const QTimeZone& zone)
{
    return day.startOfDay(zone);
}

DateRange customRange(QDate first, QDate last, const QTimeZone& zone)
{
    if (!first.isValid() || !last.isValid())
        return {};
    if (last < first)
        std::swap(first, last);
    return {startOfLocalDay(first, zone), startOfLocalDay(last.addDays(1), zone)};
}

DateRange presetRange(Preset preset, const QDateTime& now, const QTimeZone& zone)
{
    const QDate today = localDate(now, zone);
    const QDate monthStart(today.year(), today.month(), 1);
    switch (preset) {
    case Preset::Today:
    case Preset::Custom:
        return customRange(today, today, zone);
    case Preset::Last7Days:
        return customRange(today.addDays(-6), today, zone);
    case Preset::Last30Days:
        return customRange(today.addDays(-29), today, zone);
    case Preset::Last90Days:
        return customRange(today.addDays(-89), today, zone);
    case Preset::ThisMonth:
        return {startOfLocalDay(monthStart, zone), startOfLocalDay(monthStart.addMonths(1), zone)};
    case Preset::LastMonth:
        return {startOfLocalDay(monthStart.addMonths(-1), zone), startOfLocalDay(monthStart, zone)};
    case Preset::Last12Months:
        return {startOfLocalDay(monthStart.addMonths(-11), zone),
                startOfLocalDay(monthStart.addMonths(1), zone)};
    }
    return {};
}

DateRange previousRange(const DateRange& range, const QTimeZone& zone)
{
    if (!range.isValid())
        return {};
    if (isLocalMidnight(range.from, zone) && isLocalMidnight(range.to, zone)) {
        const QDate from = localDate(range.from, zone);
        const QDate to = localDate(range.to, zone);
        if (from.day() == 1 && to.day() == 1) {
            const int months = (to.year() - from.year()) * 12 + to.month() - from.month();
            return {startOfLocalDay(from.addMonths(-months), zone), range.from};
        }
        const qint64 days = from.daysTo(to);
        return {startOfLocalDay(from.addDays(-days), zone), range.from};
    }
    const qint64 seconds = range.from.secsTo(range.to);
    return {range.from.addSecs(-seconds), range.from};
}

Granularity defaultGranularity(Preset preset)
{
    switch (preset) {
    case Preset::Last90Days:
        return Granularity::Week;
    case Preset::Last12Months:
        return Granularity::Month;
    default:
        return Granularity::Day;
    }
}

QDate periodStartDate(QDate day, Granularity granularity)
{
    switch (granularity) {
    case Granularity::Day:
        return day;
    case Granularity::Week:
        return day.addDays(1 - day.dayOfWeek()); // ISO: weeks start on Monday
    case Granularity::Month:
        return QDate(day.year(), day.month(), 1);
    }
    return day;
}

QDate nextPeriodStartDate(QDate periodStart, Granularity granularity)
{
    switch (granularity) {
    case Granularity::Day:
        return periodStart.addDays(1);
    case Granularity::Week:
        return periodStart.addDays(7);
    case Granularity::Month:
        return periodStart.addMonths(1);
    }
    return periodStart.addDays(1);
}

} // namespace tts
