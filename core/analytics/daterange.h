#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QTimeZone>

namespace tts {

enum class Granularity
{
    Day,
    Week,
    Month
};

// A half-open range [from, to) of instants. Day boundaries are local midnights in the seller's time
// zone (a setting), computed with QTimeZone so that DST days have 23 or 25 hours.
struct DateRange
{
    QDateTime from;
    QDateTime to;

    bool isValid() const { return from.isValid() && to.isValid() && from < to; }
    friend bool operator==(const DateRange&, const DateRange&) = default;
};

enum class Preset
{
    Today,        // today (the whole local day)
    Last7Days,    // the last 7 whole local days including today
    Last30Days,   // the last 30 ...
    Last90Days,   // the last 90 ...
    ThisMonth,    // the whole current local month
    LastMonth,    // the whole previous local month
    Last12Months, // the current local month and the 11 before it
    Custom,       // see customRange(); presetRange() returns "today" for it
};

// The range a preset stands for at instant `now`, in time zone `zone`. Pure: no clock, no settings.
DateRange presetRange(Preset preset, const QDateTime& now, const QTimeZone& zone);

// The local days first..last (both included): [first 00:00, last + 1 day 00:00).
DateRange customRange(QDate first, QDate last, const QTimeZone& zone);

// The period a KPI is compared with, of the same length and ending where `range` starts: the same
// number of whole months when `range` is whole local months, else the same number of whole local days
// when it is whole local days (so a DST change does not shift it), else the same duration.
DateRange previousRange(const DateRange& range, const QTimeZone& zone);

// The granularity the revenue chart starts with for a preset.
Granularity defaultGranularity(Preset preset);

// The first instant of a local day, robust to DST gaps at midnight (e.g. America/Santiago).
QDateTime startOfLocalDay(QDate day, const QTimeZone& zone);

// The local date that contains the period (day, ISO week starting on Monday, month) of `day`.
QDate periodStartDate(QDate day, Granularity granularity);
QDate nextPeriodStartDate(QDate periodStart, Granularity granularity);

} // namespace tts
