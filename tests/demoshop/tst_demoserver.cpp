// tiktok-shop-demo-server as a process: the two stdout lines, a working auth code, clear errors
// and exit 1 on wrong flags or a busy port, exit 0 on SIGTERM and SIGINT.

#include "demoapi.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

#include <csignal>

namespace {

QString serverPath()
{
    // tests live in <build>/tests/demoshop, the server in <build>/bin.
    return QCoreApplication::applicationDirPath() + QStringLiteral("/../../bin/tiktok-shop-demo-server");
}

} // namespace

class TestDemoServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void startsAndServes();
    void exitsOnSignal_data();
    void exitsOnSignal();
    void wrongFlags_data();
    void wrongFlags();
    void busyPort();
    void help();

private:
    bool startServer(QProcess& process, const QStringList& arguments, QString* baseUrl, QString* authCode);
};

void TestDemoServer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QFileInfo(serverPath()).isExecutable(), qPrintable(serverPath()));
}

bool TestDemoServer::startServer(QProcess& process, const QStringList& arguments, QString* baseUrl,
                                 QString* authCode)
{
    process.start(serverPath(), arguments);
    if (!process.waitForStarted(10000))
        return false;
    QByteArray out;
    while (out.count('\n') < 2) {
        if (!process.waitForReadyRead(20000))
            return false;
        out += process.readAllStandardOutput();
    }
    const QList<QByteArray> lines = out.trimmed().split('\n');
    if (lines.size() != 2 || !lines[0].startsWith("listening http://127.0.0.1:") ||
        !lines[1].startsWith("auth_code "))
        return false;
    *baseUrl = QString::fromLatin1(lines[0].mid(10));
    *authCode = QString::fromLatin1(lines[1].mid(10));
    return true;
}

void TestDemoServer::startsAndServes()
{
    QProcess process;
    QString baseUrl, code;
    QVERIFY(startServer(process,
                        {QStringLiteral("--orders"), QStringLiteral("300"), QStringLiteral("--shops"),
                         QStringLiteral("2"), QStringLiteral("--app-key"), QStringLiteral("k1"),
                         QStringLiteral("--app-secret"), QStringLiteral("s1")},
                        &baseUrl, &code));
    QNetworkAccessManager nam;
    QUrl url(baseUrl + QStringLiteral("/api/v2/token/get"));
    url.setQuery(QStringLiteral("app_key=k1&app_secret=s1&grant_type=authorized_code&auth_code=") +
                 QString::fromLatin1(QUrl::toPercentEncoding(code)));
    QNetworkReply* reply = nam.get(QNetworkRequest(url));
    QSignalSpy spy(reply, &QNetworkReply::finished);
    QVERIFY(spy.wait(10000));
    const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
    QCOMPARE(json.value(QStringLiteral("code")).toInt(-1), 0);
    QVERIFY(!json.value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("access_token"))
                 .toString()
                 .isEmpty());
    reply->deleteLater();
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    // stderr is for logs; no secret there.
    QVERIFY(!process.readAllStandardError().contains("s1\n"));
}

void TestDemoServer::exitsOnSignal_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestDemoServer::exitsOnSignal()
{
    QFETCH(int, signal);
    QProcess process;
    QString baseUrl, code;
    QVERIFY(startServer(process, {QStringLiteral("--orders"), QStringLiteral("100")}, &baseUrl, &code));
    QCOMPARE(::kill(pid_t(process.processId()), signal), 0);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

void TestDemoServer::wrongFlags_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("mentions");
    QTest::newRow("unknown") << QStringList{QStringLiteral("--bogus")} << QByteArray("bogus");
    QTest::newRow("port") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")}
                          << QByteArray("--port");
    QTest::newRow("orders") << QStringList{QStringLiteral("--orders"), QStringLiteral("many")}
                            << QByteArray("--orders");
    QTest::newRow("fault-rate") << QStringList{QStringLiteral("--fault-rate"), QStringLiteral("2")}
                                << QByteArray("--fault-rate");
    QTest::newRow("positional") << QStringList{QStringLiteral("extra")} << QByteArray("extra");
}

void TestDemoServer::wrongFlags()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, mentions);
    QProcess process;
    process.start(serverPath(), arguments);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(process.readAllStandardOutput().isEmpty());
    const QByteArray error = process.readAllStandardError();
    QVERIFY2(error.contains(mentions), error.constData());
}

void TestDemoServer::busyPort()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost));
    QProcess process;
    process.start(serverPath(), {QStringLiteral("--port"), QString::number(blocker.serverPort()),
                                 QStringLiteral("--orders"), QStringLiteral("10")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 1);
    QVERIFY(process.readAllStandardError().contains("cannot listen"));
}

void TestDemoServer::help()
{
    QProcess process;
    process.start(serverPath(), {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QByteArray out = process.readAllStandardOutput();
    for (const char* flag : {"--port", "--orders", "--shops", "--seed", "--live", "--qps", "--fault-rate",
                             "--result-cap", "--clock-skew", "--latency-ms", "/demo/auth-code"})
        QVERIFY2(out.contains(flag), flag);
}

QTEST_GUILESS_MAIN(TestDemoServer)
#include "tst_demoserver.moc"
