// The keychain edge cases: no D-Bus session, D-Bus without a Secret Service, a keyring that appears
// late, and session-only mode as the way out. The broken environments run in child processes of
// this test binary (a private dbus-daemon without service files, a gnome-keyring started on it).
#include "privatebus.h"
#include "secrets/keychainsecretstore.h"
#include "secrets/secretstorefactory.h"
#include "secrettesthelpers.h"

#include <QCoreApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cstdio>

using namespace tts;
using namespace tts::test;

namespace {

const char kChildSecret[] = "CHILD-SECRET-9f1c2e7a";

QString uniqueService()
{
    return QStringLiteral("tts-probe-test-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

// Child mode: probe, try the keychain, then session-only mode; print one line per step.
int runChildProbe(const QString& service)
{
    std::optional<SecretError> probe;
    probeKeychain(service, qApp, [&](SecretError e) { probe = e; });
    if (!QTest::qWaitFor([&] { return probe.has_value(); }, 60000)) {
        std::printf("PROBE timeout\n");
        return 1;
    }
    std::printf("PROBE kind=%d message=%s\n", probe->kind, qPrintable(probe->message));

    KeychainSecretStore keychain(service);
    keychain.setTimeout(std::chrono::seconds(20));
    const SecretError w = writeNow(keychain, secretkeys::appSecret(), QString::fromLatin1(kChildSecret));
    std::printf("WRITE kind=%d message=%s\n", w.kind, qPrintable(w.message));
    if (!w.isError())
        removeNow(keychain, secretkeys::appSecret());

    auto session = createSecretStore(service, true);
    const SecretError sw = writeNow(*session, secretkeys::tokens(), QString::fromLatin1(kChildSecret));
    const ReadResult sr = readNow(*session, secretkeys::tokens());
    std::printf("SESSION %s\n",
                !sw.isError() && sr.value == QString::fromLatin1(kChildSecret) ? "ok" : "broken");
    std::fflush(stdout);
    return 0;
}

struct ChildResult
{
    int probeKind = -1;
    QString probeMessage;
    int writeKind = -1;
    QString writeMessage;
    bool sessionOk = false;
    QByteArray output;
    QByteArray errors;
};

ChildResult parseChild(const QByteArray& out, const QByteArray& err)
{
    ChildResult r;
    r.output = out;
    r.errors = err;
    for (const QByteArray& line : out.split('\n')) {
        const QString text = QString::fromUtf8(line);
        auto parse = [&](const QString& prefix, int& kind, QString& message) {
            if (!text.startsWith(prefix))
                return;
            const qsizetype m = text.indexOf(QStringLiteral(" message="));
            kind = text.mid(prefix.size(), m - prefix.size()).toInt();
            message = text.mid(m + 9);
        };
        parse(QStringLiteral("PROBE kind="), r.probeKind, r.probeMessage);
        parse(QStringLiteral("WRITE kind="), r.writeKind, r.writeMessage);
        if (text == QStringLiteral("SESSION ok"))
            r.sessionOk = true;
    }
    return r;
}

} // namespace

class TestKeychainProbe : public QObject
{
    Q_OBJECT

    QProcessEnvironment childEnvironment(const QString& busAddress, int retryMs)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (busAddress.isEmpty())
            env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        else
            env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress);
        env.remove(QStringLiteral("DISPLAY")); // no X11 autolaunch of a bus
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.insert(QStringLiteral("TTS_KEYCHAIN_PROBE_RETRY_MS"), QString::number(retryMs));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("tts.secrets.info=true"));
        return env;
    }

    // gnome-keyring on the private bus, its files in dir. With unlock, it creates and unlocks a login
    // keyring (password from stdin), as scripts/with-keyring.sh does; without, it has no keyring.
    static bool startKeyring(QProcess& keyring, const QTemporaryDir& dir, const QString& busAddress,
                             bool unlock)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress);
        // Otherwise it would hand over to the keyring of scripts/with-keyring.sh and exit.
        env.remove(QStringLiteral("GNOME_KEYRING_CONTROL"));
        env.remove(QStringLiteral("GNOME_KEYRING_PID"));
        env.remove(QStringLiteral("DISPLAY"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir.filePath(QStringLiteral("run")));
        if (!QDir().mkpath(dir.filePath(QStringLiteral("data"))) ||
            !QDir().mkpath(dir.filePath(QStringLiteral("run"))))
            return false;
        QFile::setPermissions(dir.filePath(QStringLiteral("run")),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        keyring.setProcessChannelMode(QProcess::MergedChannels);
        keyring.setProcessEnvironment(env);
        QStringList args{QStringLiteral("--foreground"), QStringLiteral("--components=secrets")};
        if (unlock)
            args << QStringLiteral("--unlock");
        keyring.start(QStringLiteral("gnome-keyring-daemon"), args);
        if (!keyring.waitForStarted(10000))
            return false;
        if (unlock) {
            keyring.write("test\n"); // the password of the new login keyring, read from stdin
            if (!keyring.waitForBytesWritten(10000))
                return false;
        }
        keyring.closeWriteChannel();
        return true;
    }

    static void checkNoSecretIn(const ChildResult& r)
    {
        QVERIFY(!r.output.contains(kChildSecret));
        QVERIFY(!r.errors.contains(kChildSecret));
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void probeSucceedsWithKeyring()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("run under dbus-run-session and scripts/with-keyring.sh");
        std::optional<SecretError> result;
        probeKeychain(
            uniqueService(), this, [&](SecretError e) { result = e; }, std::chrono::milliseconds(100));
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
        QVERIFY2(!result->isError(), qPrintable(result->message));
    }

    void probeNeverCallsBackAfterContextIsGone()
    {
        bool called = false;
        auto* context = new QObject;
        probeKeychain(
            uniqueService(), context, [&](SecretError) { called = true; }, std::chrono::milliseconds(100));
        delete context;
        // Let a full probe run to completion with a sentinel that is still alive.
        std::optional<SecretError> sentinel;
        probeKeychain(
            uniqueService(), this, [&](SecretError e) { sentinel = e; }, std::chrono::milliseconds(100));
        QTRY_VERIFY_WITH_TIMEOUT(sentinel.has_value(), 30000);
        QVERIFY(!called);
    }

    void noDbusSession_data()
    {
        QTest::addColumn<QString>("address");
        QTest::newRow("address points nowhere") << QStringLiteral("unix:path=/nonexistent/tts-no-bus");
        QTest::newRow("no address at all") << QString();
    }

    void noDbusSession()
    {
        QFETCH(QString, address);
        QProcess child;
        child.setProcessEnvironment(childEnvironment(address, 200));
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--child-probe"), uniqueService()});
        QVERIFY(child.waitForFinished(90000));
        const ChildResult r = parseChild(child.readAllStandardOutput(), child.readAllStandardError());
        QVERIFY2(child.exitCode() == 0, QByteArray(r.output + r.errors.right(4000)).constData());
        QCOMPARE(r.probeKind, int(SecretError::NoBackend));
        QVERIFY2(r.probeMessage.contains(QStringLiteral("No D-Bus session")), qPrintable(r.probeMessage));
        QVERIFY(r.probeMessage.contains(QStringLiteral("session-only")));
        // It retried once before giving up.
        QVERIFY2(r.errors.contains("retrying once"), r.errors.constData());
        QCOMPARE(r.writeKind, int(SecretError::NoBackend));
        QVERIFY(r.writeMessage.contains(QStringLiteral("D-Bus")));
        QVERIFY(r.sessionOk);
        checkNoSecretIn(r);
    }

    void dbusWithoutSecretService()
    {
        QTemporaryDir dir;
        PrivateBus bus;
        QVERIFY(bus.start(dir.path()));
        QProcess child;
        child.setProcessEnvironment(childEnvironment(bus.address(), 200));
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--child-probe"), uniqueService()});
        QVERIFY(child.waitForFinished(90000));
        const ChildResult r = parseChild(child.readAllStandardOutput(), child.readAllStandardError());
        QVERIFY2(child.exitCode() == 0, QByteArray(r.output + r.errors.right(4000)).constData());
        QCOMPARE(r.probeKind, int(SecretError::NoBackend));
        QVERIFY2(r.probeMessage.contains(QStringLiteral("no keychain service")), qPrintable(r.probeMessage));
        QVERIFY(r.probeMessage.contains(QStringLiteral("session-only")));
        QCOMPARE(r.writeKind, int(SecretError::NoBackend));
        QVERIFY(r.sessionOk);
        checkNoSecretIn(r);
    }

    // A Secret Service without a default keyring (never created, no prompter to create it): reads
    // answer "not found", so the probe passes, but a write fails at once with a clear message.
    void keyringWithoutDefaultCollection()
    {
        QTemporaryDir dir;
        PrivateBus bus;
        QVERIFY(bus.start(dir.path()));
        QProcess keyring;
        QVERIFY(startKeyring(keyring, dir, bus.address(), false));
        QTRY_VERIFY_WITH_TIMEOUT(bus.hasName(QStringLiteral("org.freedesktop.secrets")), 20000);

        QProcess child;
        child.setProcessEnvironment(childEnvironment(bus.address(), 200));
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--child-probe"), uniqueService()});
        QVERIFY(child.waitForFinished(90000));
        const ChildResult r = parseChild(child.readAllStandardOutput(), child.readAllStandardError());
        keyring.terminate();
        keyring.waitForFinished(5000);
        QVERIFY2(child.exitCode() == 0, QByteArray(r.output + r.errors.right(4000)).constData());
        QCOMPARE(r.probeKind, int(SecretError::None));
        QVERIFY2(r.writeKind == int(SecretError::Other) || r.writeKind == int(SecretError::AccessDenied),
                 qPrintable(r.writeMessage));
        QVERIFY2(r.writeMessage.contains(QStringLiteral("keyring")), qPrintable(r.writeMessage));
        QVERIFY(r.writeMessage.contains(QStringLiteral("session-only")));
        QVERIFY(r.sessionOk);
        checkNoSecretIn(r);
    }

    // The probe finds no keyring, says it will retry; the keyring starts; the retry succeeds.
    void keyringAppearsLate()
    {
        QTemporaryDir dir;
        PrivateBus bus;
        QVERIFY(bus.start(dir.path()));

        QProcess child;
        child.setProcessEnvironment(childEnvironment(bus.address(), 5000));
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--child-probe"), uniqueService()});
        QByteArray errors;
        QTRY_VERIFY_WITH_TIMEOUT((errors += child.readAllStandardError()).contains("retrying once"), 30000);

        QProcess keyring;
        QVERIFY(startKeyring(keyring, dir, bus.address(), true));

        QVERIFY(child.waitForFinished(90000));
        errors += child.readAllStandardError();
        const ChildResult r = parseChild(child.readAllStandardOutput(), errors);
        const QByteArray keyringOutput = keyring.readAll();
        const bool keyringRan = keyring.state() == QProcess::Running;
        keyring.terminate();
        keyring.waitForFinished(5000);
        QVERIFY2(keyringRan, keyringOutput.constData());
        QVERIFY2(child.exitCode() == 0, QByteArray(r.output + r.errors.right(4000)).constData());
        QVERIFY2(r.probeKind == int(SecretError::None),
                 qPrintable(r.probeMessage + QString::fromUtf8(errors)));
        QVERIFY2(r.writeKind == int(SecretError::None), qPrintable(r.writeMessage));
        QVERIFY(r.sessionOk);
        checkNoSecretIn(r);
    }
};

int main(int argc, char** argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--child-probe") == 0) {
        QCoreApplication app(argc, argv);
        return runChildProbe(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestKeychainProbe test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychainprobe.moc"
