// Runs against a real Secret Service: start it under
//   dbus-run-session -- scripts/with-keyring.sh ./tst_keychainsecretstore
#include "secrets/keychainsecretstore.h"
#include "secrets/secretstorefactory.h"
#include "secrettesthelpers.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>
#include <cstdio>

using namespace tts;
using namespace tts::test;

namespace {

QString uniqueService()
{
    return QStringLiteral("tts-test-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

QString randomSecret(int length)
{
    static const QString alphabet =
        QStringLiteral("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789");
    QString s;
    for (int i = 0; i < length; ++i)
        s += alphabet.at(QRandomGenerator::global()->bounded(alphabet.size()));
    return s;
}

// Child mode: writes TTS_TEST_SECRET under the given service and key, reads it back, prints OK.
int runChildWrite(const QString& service, const QString& key)
{
    KeychainSecretStore store(service);
    const QString value = qEnvironmentVariable("TTS_TEST_SECRET");
    const SecretError w = writeNow(store, key, value);
    const ReadResult r = readNow(store, key);
    if (w.isError() || r.error.isError() || r.value != value) {
        std::fprintf(stderr, "child failed: %s / %s\n", qPrintable(w.message), qPrintable(r.error.message));
        return 1;
    }
    std::printf("OK\n");
    return 0;
}

// Every regular file under root that contains one of the needles.
QStringList filesContaining(const QString& root, const QList<QByteArray>& needles)
{
    QStringList hits;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = file.readAll();
        for (const QByteArray& needle : needles) {
            if (data.contains(needle)) {
                hits << path;
                break;
            }
        }
    }
    return hits;
}

QList<QByteArray> encodings(const QString& secret)
{
    const QByteArray utf8 = secret.toUtf8();
    const QByteArray utf16(reinterpret_cast<const char*>(secret.utf16()), secret.size() * 2);
    return {utf8, utf16, utf8.toBase64(), utf8.toHex()};
}

} // namespace

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

    QString m_service;
    QStringList m_usedKeys;

    KeychainSecretStore store() { return KeychainSecretStore(m_service); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("needs a D-Bus session with a Secret Service: run under dbus-run-session and "
                  "scripts/with-keyring.sh");
        m_service = uniqueService();
    }

    void cleanupTestCase()
    {
        KeychainSecretStore s(m_service);
        for (const QString& key : std::as_const(m_usedKeys))
            removeNow(s, key);
    }

    void writeReadOverwriteRemove()
    {
        KeychainSecretStore s = store();
        QVERIFY(s.isPersistent());
        const QString key = secretkeys::appSecret();
        m_usedKeys << key;
        const QString first = randomSecret(32);
        const QString second = randomSecret(40);

        QCOMPARE(writeNow(s, key, first).kind, SecretError::None);
        ReadResult r = readNow(s, key);
        QCOMPARE(r.error.kind, SecretError::None);
        QCOMPARE(r.value, first);

        QCOMPARE(writeNow(s, key, second).kind, SecretError::None);
        r = readNow(s, key);
        QCOMPARE(r.error.kind, SecretError::None);
        QCOMPARE(r.value, second);

        // A second store object on the same service sees the same entry: it is in the keychain.
        KeychainSecretStore other(m_service);
        QCOMPARE(readNow(other, key).value, second);
        // Another service does not.
        KeychainSecretStore foreign(uniqueService());
        QCOMPARE(readNow(foreign, key).error.kind, SecretError::NotFound);

        QCOMPARE(removeNow(s, key).kind, SecretError::None);
        r = readNow(s, key);
        QCOMPARE(r.error.kind, SecretError::NotFound);
        QVERIFY(r.value.isEmpty());
        QCOMPARE(removeNow(s, key).kind, SecretError::None); // idempotent
    }

    void notFoundOnMissingEntry()
    {
        KeychainSecretStore s = store();
        const ReadResult r = readNow(s, QStringLiteral("never-written"));
        QCOMPARE(r.error.kind, SecretError::NotFound);
        QVERIFY(!r.error.message.isEmpty());
        QVERIFY(r.value.isEmpty());
    }

    void unicodeAndLongValues_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("unicode") << QStringLiteral(
            "p\u00e4ss \u4e2d\u6587 \u0440\u0443\u0441 \U0001F511\U0001F680 "
            "\"quotes\" \\back\\ \t tab");
        QString big;
        while (big.size() < 4096)
            big += QStringLiteral("\u00e9\U0001F511x") + randomSecret(13);
        QTest::newRow("4 KB unicode") << big.left(4096);
        QTest::newRow("4 KB ascii") << randomSecret(4096);
        QTest::newRow("json tokens") << QStringLiteral(R"({"access_token":"a","refresh_token":"r"})");
    }

    void unicodeAndLongValues()
    {
        QFETCH(QString, value);
        KeychainSecretStore s = store();
        const QString key = secretkeys::tokens();
        m_usedKeys << key;
        QCOMPARE(writeNow(s, key, value).kind, SecretError::None);
        const ReadResult r = readNow(s, key);
        QCOMPARE(r.error.kind, SecretError::None);
        QCOMPARE(r.value.size(), value.size());
        QCOMPARE(r.value, value);
    }

    // The sync engine reads its secrets in a worker thread while the GUI thread may be busy: the
    // store must work there, deliver callbacks in that thread and not need the main event loop.
    void worksFromWorkerThreadWhileMainThreadIsBlocked()
    {
        const QString service = m_service;
        std::atomic_int failures{0};
        std::atomic_int wrongThread{0};
        QThread* thread = QThread::create([service, &failures, &wrongThread] {
            KeychainSecretStore s(service);
            QThread* self = QThread::currentThread();
            for (int i = 0; i < 5; ++i) {
                const QString key = QStringLiteral("worker-%1").arg(i);
                const QString value = randomSecret(24);
                if (writeNow(s, key, value).isError())
                    ++failures;
                std::optional<ReadResult> result;
                s.read(key, [&](SecretError e, const QString& v) {
                    if (QThread::currentThread() != self)
                        ++wrongThread;
                    result = ReadResult{e, v};
                });
                if (!QTest::qWaitFor([&] { return result.has_value(); }, kStoreWaitMs) ||
                    result->value != value)
                    ++failures;
                if (removeNow(s, key).isError())
                    ++failures;
            }
        });
        thread->start();
        // Blocks the main thread (no event loop here) until the worker is done.
        QVERIFY(thread->wait(120000));
        delete thread;
        QCOMPARE(failures.load(), 0);
        QCOMPARE(wrongThread.load(), 0);
    }

    // Two workers and the main thread at once: QtKeychain's job queue is not thread-safe by itself.
    void concurrentThreads()
    {
        const QString service = m_service;
        std::atomic_int failures{0};
        auto work = [service, &failures](const QString& prefix) {
            KeychainSecretStore s(service);
            for (int i = 0; i < 4; ++i) {
                const QString key = prefix + QString::number(i);
                const QString value = randomSecret(20);
                if (writeNow(s, key, value).isError() || readNow(s, key).value != value ||
                    removeNow(s, key).isError())
                    ++failures;
            }
        };
        QThread* a = QThread::create(work, QStringLiteral("a-"));
        QThread* b = QThread::create(work, QStringLiteral("b-"));
        a->start();
        b->start();
        work(QStringLiteral("main-"));
        QVERIFY(a->wait(120000));
        QVERIFY(b->wait(120000));
        delete a;
        delete b;
        QCOMPARE(failures.load(), 0);
    }

    void factoryGivesKeychainStore()
    {
        auto s = createSecretStore(m_service, false);
        QVERIFY(s->isPersistent());
        const QString key = QStringLiteral("factory");
        m_usedKeys << key;
        QCOMPARE(writeNow(*s, key, QStringLiteral("via factory")).kind, SecretError::None);
        KeychainSecretStore direct(m_service);
        QCOMPARE(readNow(direct, key).value, QStringLiteral("via factory"));
    }

    // A child process with its own HOME and XDG folders writes a secret; afterwards no file under
    // those folders, nor in the keyring's folder, holds the secret in clear (UTF-8, UTF-16, base64
    // or hex): only the keyring's encrypted file may have changed.
    void nothingInPlainTextOnDisk()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QString secret = QStringLiteral("PLAIN") + randomSecret(40);
        const QString key = QStringLiteral("plaintext-check");
        m_usedKeys << key;

        // The search itself works: a planted copy is found.
        {
            QFile planted(home.filePath(QStringLiteral("planted")));
            QVERIFY(planted.open(QIODevice::WriteOnly));
            planted.write(QByteArrayLiteral("xx") + secret.toUtf8().toBase64() + QByteArrayLiteral("yy"));
        }
        QCOMPARE(filesContaining(home.path(), encodings(secret)).size(), 1);
        QVERIFY(QFile::remove(home.filePath(QStringLiteral("planted"))));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("XDG_STATE_HOME"), home.filePath(QStringLiteral("state")));
        env.insert(QStringLiteral("TTS_TEST_SECRET"), secret);
        QProcess child;
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--child-write"), m_service, key});
        QVERIFY(child.waitForFinished(60000));
        const QByteArray out = child.readAllStandardOutput() + child.readAllStandardError();
        QCOMPARE(child.exitCode(), 0);
        QVERIFY2(out.contains("OK"), out.constData());
        QVERIFY(!out.contains(secret.toUtf8()));

        // The secret really is in the keychain ...
        KeychainSecretStore s = store();
        QCOMPARE(readNow(s, key).value, secret);

        // ... and nowhere in clear.
        QStringList hits = filesContaining(home.path(), encodings(secret));
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u',')));
        const QString keyringData = qEnvironmentVariable("XDG_DATA_HOME");
        if (!keyringData.isEmpty()) {
            QDir keyrings(keyringData + QStringLiteral("/keyrings"));
            QVERIFY2(keyrings.exists(), "the keyring folder of scripts/with-keyring.sh is missing");
            QTRY_VERIFY_WITH_TIMEOUT(
                !keyrings.entryList({QStringLiteral("*.keyring")}, QDir::Files).isEmpty(), 10000);
            hits = filesContaining(keyrings.path(), encodings(secret));
            QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u',')));
        }
    }
};

int main(int argc, char** argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--child-write") == 0) {
        QCoreApplication app(argc, argv);
        return runChildWrite(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    }
    QCoreApplication app(argc, argv);
    TestKeychainSecretStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychainsecretstore.moc"
