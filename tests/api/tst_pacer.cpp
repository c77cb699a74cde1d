#include "api/pacer.h"

#include <QElapsedTimer>
#include <QTest>

using namespace tts;

// Only lower bounds on time are asserted: a slow machine makes things later, never earlier.
class TestPacer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsInOrderFromTheEventLoop()
    {
        Pacer pacer(0, 1); // unlimited
        QList<int> ran;
        for (int i = 0; i < 5; ++i)
            pacer.schedule([&ran, i] { ran.append(i); });
        QVERIFY(ran.isEmpty()); // never inside schedule()
        QTRY_COMPARE(ran, (QList<int>{0, 1, 2, 3, 4}));
    }

    void rateLimitsAfterTheBurst()
    {
        const double rps = 20;
        const int burst = 3;
        Pacer pacer(rps, burst);
        QElapsedTimer clock;
        clock.start();
        QList<qint64> at;
        const int n = 9;
        for (int i = 0; i < n; ++i)
            pacer.schedule([&at, &clock] { at.append(clock.elapsed()); });
        QTRY_COMPARE_WITH_TIMEOUT(at.size(), n, 10000);
        // The k-th run after the burst waits for k tokens at 20/s: at least 50 ms each.
        for (int i = burst; i < n; ++i)
            QVERIFY2(at[i] >= qint64((i - burst + 1) * 1000 / rps) - 1,
                     qPrintable(QStringLiteral("run %1 at %2 ms").arg(i).arg(at[i])));
    }

    // A run that keeps the event loop busy makes the next timer fire late: the lateness is made up
    // afterwards, but no window of one second ever holds more than `rps` runs.
    void lateTimersAreMadeUpWithinTheLimit()
    {
        const double rps = 20;
        Pacer pacer(rps, 1);
        QElapsedTimer clock;
        clock.start();
        QList<qint64> at;
        const int n = 45;
        for (int i = 0; i < n; ++i) {
            pacer.schedule([&at, &clock, i] {
                at.append(clock.nsecsElapsed());
                if (i % 5 == 2) { // the next run's timer fires 20 ms late
                    QElapsedTimer busy;
                    busy.start();
                    while (busy.elapsed() < 70) {
                    }
                }
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(at.size(), n, 20000);
        for (int i = int(rps); i < n; ++i) {
            const qint64 window = at[i] - at[i - int(rps)];
            QVERIFY2(
                window >= 1000000000LL,
                qPrintable(QStringLiteral("runs %1..%2 within %3 ns").arg(i - int(rps)).arg(i).arg(window)));
        }
        // Figure only (no timing assertion): nine late wake-ups of 20 ms would add 180 ms uncredited.
        const double seconds = double(at.last() - at.first()) / 1e9;
        qInfo("%d runs at %g/s in %.3f s (%.3f s at the exact rate)", n, rps, seconds, (n - 1) / rps);
    }

    void pauseHoldsEverything()
    {
        Pacer pacer(0, 1);
        QElapsedTimer clock;
        clock.start();
        pacer.pauseFor(300);
        QCOMPARE_GT(pacer.remainingPauseMs(), 0);
        qint64 ranAt = -1;
        pacer.schedule([&] { ranAt = clock.elapsed(); });
        QTRY_VERIFY_WITH_TIMEOUT(ranAt >= 0, 5000);
        QVERIFY2(ranAt >= 300, qPrintable(QString::number(ranAt)));
        QCOMPARE(pacer.remainingPauseMs(), 0);
    }

    void pauseFromInsideWorkStopsTheRest()
    {
        Pacer pacer(0, 1);
        QElapsedTimer clock;
        clock.start();
        qint64 secondAt = -1;
        pacer.schedule([&] { pacer.pauseFor(200); });
        pacer.schedule([&] { secondAt = clock.elapsed(); });
        QTRY_VERIFY_WITH_TIMEOUT(secondAt >= 0, 5000);
        QVERIFY2(secondAt >= 200, qPrintable(QString::number(secondAt)));
    }

    void longerPauseWins()
    {
        Pacer pacer(0, 1);
        pacer.pauseFor(400);
        pacer.pauseFor(50); // a shorter pause never shortens a longer one
        QVERIFY(pacer.remainingPauseMs() > 300);
    }

    void urgentGoesFirst()
    {
        Pacer pacer(0, 1);
        QStringList ran;
        pacer.schedule([&] { ran.append(QStringLiteral("a")); });
        pacer.schedule([&] { ran.append(QStringLiteral("b")); });
        pacer.schedule([&] { ran.append(QStringLiteral("refresh")); }, true);
        QTRY_COMPARE(ran, (QStringList{QStringLiteral("refresh"), QStringLiteral("a"), QStringLiteral("b")}));
    }

    void cancelAndClear()
    {
        Pacer pacer(0, 1);
        QStringList ran;
        pacer.schedule([&] { ran.append(QStringLiteral("a")); });
        const quint64 b = pacer.schedule([&] { ran.append(QStringLiteral("b")); });
        pacer.schedule([&] { ran.append(QStringLiteral("c")); });
        QVERIFY(pacer.cancel(b));
        QVERIFY(!pacer.cancel(b));
        QTRY_COMPARE(ran, (QStringList{QStringLiteral("a"), QStringLiteral("c")}));

        pacer.schedule([&] { ran.append(QStringLiteral("d")); });
        pacer.clear();
        QCOMPARE(pacer.queued(), 0);
        QTest::qWait(50); // nothing may run after clear(); a short wait shows it
        QCOMPARE(ran.size(), 2);
    }

    void workMaySchedule()
    {
        Pacer pacer(1000, 2);
        int depth = 0;
        std::function<void()> step = [&] {
            if (++depth < 5)
                pacer.schedule(step);
        };
        pacer.schedule(step);
        QTRY_COMPARE(depth, 5);
    }
};

QTEST_GUILESS_MAIN(TestPacer)
#include "tst_pacer.moc"
