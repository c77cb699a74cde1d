// TLS is never weakened. Against the emulator serving https:// on 127.0.0.1 with a self-signed
// certificate made at test time (openssl), the API client fails with a typed TLS error and the command
// line exits with a clear sentence; the emulator sees handshakes begin but none complete and records
// no HTTP request, so no token, no app secret and no signed URL reached it. A client that trusts that
// certificate does get through (the server really serves TLS). No source file ignores SSL errors.
#include "clifixture.h"
#include "testsupport.h"

#include "api/apiclient.h"

#include <QDirIterator>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tts;

class TestTlsRefusal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void serverReallyServesTls();
    void apiClientRefusesSelfSignedCertificate();
    void cliRefusesAndSendsNoSecret();
    void noIgnoreSslErrorsInTheSources();

private:
    demo::EmulatorConfig tlsConfig() const;

    test::TempDir m_dir;
    QByteArray m_certificate;
    QByteArray m_key;
};

void TestTlsRefusal::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // A throw-away certificate for 127.0.0.1, valid one day; nothing is committed.
    QProcess openssl;
    openssl.setWorkingDirectory(m_dir.path());
    openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                 u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s, u"key.pem"_s,
                                 u"-out"_s, u"cert.pem"_s, u"-days"_s, u"1"_s, u"-subj"_s, u"/CN=127.0.0.1"_s,
                                 u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s});
    QVERIFY2(openssl.waitForFinished(60000) && openssl.exitCode() == 0,
             qPrintable(u"openssl (package openssl) could not make a test certificate: "_s +
                        QString::fromLocal8Bit(openssl.readAllStandardError())));
    QFile cert(m_dir.filePath(u"cert.pem"_s));
    QFile key(m_dir.filePath(u"key.pem"_s));
    QVERIFY(cert.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
    m_certificate = cert.readAll();
    m_key = key.readAll();
}

demo::EmulatorConfig TestTlsRefusal::tlsConfig() const
{
    demo::EmulatorConfig config;
    config.appSecret = u"tls-refusal-app-secret-5d1e"_s;
    config.tlsCertificatePem = m_certificate;
    config.tlsPrivateKeyPem = m_key;
    return config;
}

void TestTlsRefusal::serverReallyServesTls()
{
    auto emulator = test::startEmulator(tlsConfig());
    QVERIFY(emulator);
    QCOMPARE(emulator->baseUrl().scheme(), u"https"_s);
    QNetworkAccessManager nam;
    QNetworkRequest request(emulator->baseUrl().resolved(QUrl(u"/authorization/202309/shops"_s)));
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    trusting.setCaCertificates(QSslCertificate::fromData(m_certificate)); // trusted, not ignored
    request.setSslConfiguration(trusting);
    QNetworkReply* reply = nam.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(30000));
    QVERIFY2(reply->error() == QNetworkReply::NoError ||
                 reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() > 0,
             qPrintable(reply->errorString()));
    reply->deleteLater();
    QCOMPARE(emulator->tlsHandshakesCompleted(), 1);
    QCOMPARE(emulator->requestCount(), 1u);
}

void TestTlsRefusal::apiClientRefusesSelfSignedCertificate()
{
    auto emulator = test::startEmulator(tlsConfig());
    QVERIFY(emulator);
    QNetworkAccessManager nam;
    ApiClient client(&nam, test::apiConfigFor(*emulator));
    client.setTokens(test::issueTokenSet(*emulator));
    std::optional<ApiResult<QList<Shop>>> shops;
    client.fetchShops([&](ApiResult<QList<Shop>> r) { shops = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(shops.has_value(), 60000);
    QVERIFY2(shops->error.kind == ApiErrorKind::Tls, qPrintable(shops->error.toString()));
    QVERIFY2(shops->error.userMessage().contains(u"certificate"_s), qPrintable(shops->error.userMessage()));
    std::optional<ApiResult<TokenSet>> exchanged;
    client.exchangeAuthCode(emulator->issueAuthCode(),
                            [&](ApiResult<TokenSet> r) { exchanged = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(exchanged.has_value(), 60000);
    QVERIFY2(exchanged->error.kind == ApiErrorKind::Tls, qPrintable(exchanged->error.toString()));

    QVERIFY(emulator->tlsHandshakesStarted() >= 1); // the client did reach the server
    QCOMPARE(emulator->tlsHandshakesCompleted(), 0);
    QCOMPARE(emulator->requestCount(), 0u); // no request line, no header, no token, no signed URL
}

void TestTlsRefusal::cliRefusesAndSendsNoSecret()
{
    test::CliFixture fixture(tlsConfig());
    QVERIFY(fixture.isValid());
    const test::CliResult connect = fixture.connectShop();
    QVERIFY2(connect.exitCode == 4, qPrintable(connect.describe()));
    QVERIFY2(connect.lastErrorLine().contains(u"certificate check"_s), qPrintable(connect.describe()));
    QVERIFY(fixture.emulator().tlsHandshakesStarted() >= 1);
    QCOMPARE(fixture.emulator().tlsHandshakesCompleted(), 0);
    QCOMPARE(fixture.emulator().requestCount(), 0u);
    QVERIFY(!fixture.allOutput().contains(fixture.emulator().config().appSecret.toUtf8()));
}

void TestTlsRefusal::noIgnoreSslErrorsInTheSources()
{
    const QByteArray needle = QByteArray("ignore") + "SslErrors"; // spelled apart: this file is searched too
    QStringList hits;
    int searched = 0;
    for (const QString& folder : {u"app"_s, u"core"_s, u"ui"_s, u"tests"_s, u"cmake"_s, u"installer"_s}) {
        QDirIterator it(QStringLiteral(TTS_SOURCE_DIR) + u'/' + folder, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (!file.open(QIODevice::ReadOnly))
                continue;
            ++searched;
            if (file.readAll().contains(needle))
                hits << file.fileName();
        }
    }
    QVERIFY2(searched > 100, "the sources were not found");
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestTlsRefusal)
#include "tst_tlsrefusal.moc"
