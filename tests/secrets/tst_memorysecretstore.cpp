#include "secrets/memorysecretstore.h"
#include "secrets/secretstorefactory.h"
#include "secrettesthelpers.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace tts;

using namespace tts::test;

class TestMemorySecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { MemorySecretStore::session().clear(); }

    void roundTrip()
    {
        MemorySecretStore store;
        QVERIFY(!store.isPersistent());
        QCOMPARE(readNow(store, QStringLiteral("k")).error.kind, SecretError::NotFound);
        QCOMPARE(writeNow(store, QStringLiteral("k"), QStringLiteral("one")).kind, SecretError::None);
        ReadResult r = readNow(store, QStringLiteral("k"));
        QCOMPARE(r.error.kind, SecretError::None);
        QCOMPARE(r.value, QStringLiteral("one"));
        QCOMPARE(writeNow(store, QStringLiteral("k"), QStringLiteral("two \u00e9\U0001F511")).kind,
                 SecretError::None);
        QCOMPARE(readNow(store, QStringLiteral("k")).value, QStringLiteral("two \u00e9\U0001F511"));
        QCOMPARE(removeNow(store, QStringLiteral("k")).kind, SecretError::None);
        QCOMPARE(readNow(store, QStringLiteral("k")).error.kind, SecretError::NotFound);
        // Removing again is not an error (disconnect removes whatever is there).
        QCOMPARE(removeNow(store, QStringLiteral("k")).kind, SecretError::None);
    }

    void notFoundMessageHasNoValue()
    {
        MemorySecretStore store;
        const ReadResult r = readNow(store, secretkeys::tokens());
        QCOMPARE(r.error.kind, SecretError::NotFound);
        QVERIFY(!r.error.message.isEmpty());
        QVERIFY(r.value.isEmpty());
    }

    void callbacksAreAsynchronous()
    {
        MemorySecretStore store;
        bool called = false;
        store.write(QStringLiteral("k"), QStringLiteral("v"), [&](SecretError) { called = true; });
        QVERIFY(!called); // not before the caller's event loop runs
        QTRY_VERIFY(called);
        called = false;
        store.read(QStringLiteral("k"), [&](SecretError, const QString&) { called = true; });
        QVERIFY(!called);
        QTRY_VERIFY(called);
    }

    void sessionIsSharedByFactoryStores()
    {
        QCOMPARE(&MemorySecretStore::session(), &MemorySecretStore::session());
        auto a = createSecretStore(QStringLiteral("svc-a"), true);
        auto b = createSecretStore(QStringLiteral("svc-b"), true);
        QVERIFY(!a->isPersistent());
        QCOMPARE(writeNow(*a, secretkeys::appSecret(), QStringLiteral("s3cret")).kind, SecretError::None);
        QCOMPARE(readNow(*b, secretkeys::appSecret()).value, QStringLiteral("s3cret"));
        QCOMPARE(MemorySecretStore::session().value(secretkeys::appSecret()).value_or(QString()),
                 QStringLiteral("s3cret"));
        a.reset(); // destroying a handle does not destroy the session store
        QCOMPARE(readNow(*b, secretkeys::appSecret()).value, QStringLiteral("s3cret"));
        QCOMPARE(removeNow(*b, secretkeys::appSecret()).kind, SecretError::None);
        QVERIFY(!MemorySecretStore::session().value(secretkeys::appSecret()).has_value());
    }

    // Several threads, each with its own event loop, hammer the one session store; every callback
    // must arrive in the thread that asked and every thread must read back what it wrote last.
    void threadSafety()
    {
        constexpr int kThreads = 6;
        constexpr int kRounds = 400;
        std::atomic_int failures{0};
        std::atomic_int wrongThread{0};
        QList<QThread*> threads;
        for (int t = 0; t < kThreads; ++t) {
            QThread* thread = QThread::create([t, &failures, &wrongThread] {
                MemorySecretStore& store = MemorySecretStore::session();
                const QString ownKey = QStringLiteral("key-%1").arg(t);
                for (int i = 0; i < kRounds; ++i) {
                    const QString value = QStringLiteral("value-%1-%2").arg(t).arg(i);
                    if (writeNow(store, ownKey, value).isError())
                        ++failures;
                    store.setValue(QStringLiteral("shared"), value);
                    QThread* asking = QThread::currentThread();
                    std::optional<ReadResult> result;
                    store.read(ownKey, [&](SecretError e, const QString& v) {
                        if (QThread::currentThread() != asking)
                            ++wrongThread;
                        result = ReadResult{e, v};
                    });
                    if (!QTest::qWaitFor([&] { return result.has_value(); }, 5000) || result->value != value)
                        ++failures;
                    if (!store.value(QStringLiteral("shared")).has_value())
                        ++failures;
                }
            });
            threads.append(thread);
        }
        for (QThread* thread : std::as_const(threads))
            thread->start();
        for (QThread* thread : std::as_const(threads)) {
            QVERIFY(thread->wait(60000));
            delete thread;
        }
        QCOMPARE(failures.load(), 0);
        QCOMPARE(wrongThread.load(), 0);
        for (int t = 0; t < kThreads; ++t)
            QCOMPARE(MemorySecretStore::session().value(QStringLiteral("key-%1").arg(t)).value_or(QString()),
                     QStringLiteral("value-%1-%2").arg(t).arg(kRounds - 1));
    }
};

QTEST_GUILESS_MAIN(TestMemorySecretStore)
#include "tst_memorysecretstore.moc"
