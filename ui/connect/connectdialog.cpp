#include "connectdialog.h"

#include "appsettings.h"
#include "loopbackreceiver.h"
#include "secrets/secretstorefactory.h"
#include "sync/shopconnector.h"
#include "widgets/banner.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace tts {

namespace {
enum Page
{
    CredentialsPage,
    ConnectingPage,
    ConnectedPage
};
} // namespace

ConnectDialog::ConnectDialog(const ShopProfile& profile, QWidget* parent)
    : QDialog(parent), m_profile(profile)
{
    setWindowTitle(tr("Connect a shop"));
    setObjectName(QStringLiteral("connectDialog"));
    setMinimumWidth(560);
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    m_banner = new Banner(this);
    m_banner->setDismissible(false);
    layout->addWidget(m_banner);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages, 1);
    buildCredentialsPage();

    auto* connecting = new QWidget(m_pages);
    auto* connectingLayout = new QVBoxLayout(connecting);
    connectingLayout->addStretch();
    auto* connectingLabel =
        new QLabel(tr("Exchanging the authorization code and fetching your shops…"), connecting);
    connectingLabel->setAlignment(Qt::AlignCenter);
    auto* busy = new QProgressBar(connecting);
    busy->setRange(0, 0);
    busy->setTextVisible(false);
    connectingLayout->addWidget(connectingLabel);
    connectingLayout->addWidget(busy);
    connectingLayout->addStretch();
    m_pages->addWidget(connecting);

    auto* connected = new QWidget(m_pages);
    auto* connectedLayout = new QVBoxLayout(connected);
    m_connectedLabel = new QLabel(connected);
    m_connectedLabel->setWordWrap(true);
    m_shopList = new QListWidget(connected);
    auto* next = new QLabel(
        tr("Close this window to start the first sync. Your orders appear as they arrive."), connected);
    next->setWordWrap(true);
    connectedLayout->addWidget(m_connectedLabel);
    connectedLayout->addWidget(m_shopList, 1);
    connectedLayout->addWidget(next);
    m_pages->addWidget(connected);

    m_buttons = new QDialogButtonBox(this);
    m_connect = m_buttons->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setDefault(true);
    m_buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(m_buttons);
    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (m_pages->currentIndex() == ConnectedPage)
            accept();
        else
            connectShop();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_receiver = new LoopbackReceiver(this);
    connect(m_receiver, &LoopbackReceiver::codeReceived, this, [this](const QString& code) {
        m_authCode->setText(code);
        if (m_pages->currentIndex() == CredentialsPage && m_connect->isEnabled())
            connectShop();
    });
    QString listenError;
    if (m_receiver->listen(quint16(AppSettings::redirectPort()), &listenError))
        m_redirectLabel->setText(
            tr("Or let the consent page send the code back by itself: set the app's redirect URL to %1.")
                .arg(m_receiver->redirectUrl().toString()));
    else
        m_redirectLabel->setText(listenError);

    m_keychainLabel->setText(tr("Checking the system keychain…"));
    probeKeychain(m_profile.keychainService, this, [this](SecretError result) { keychainChecked(result); });
    updateButtons();
}

ConnectDialog::~ConnectDialog() = default;

void ConnectDialog::buildCredentialsPage()
{
    auto* page = new QWidget(m_pages);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* intro =
        new QLabel(tr("Enter your app's key and secret from the TikTok Shop Partner Center, authorize "
                      "your shop on the consent page, then paste the authorization code."),
                   page);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_appKey = new QLineEdit(page);
    m_appKey->setObjectName(QStringLiteral("appKey"));
    m_appSecret = new QLineEdit(page);
    m_appSecret->setObjectName(QStringLiteral("appSecret"));
    m_appSecret->setEchoMode(QLineEdit::Password);
    m_serviceId = new QLineEdit(AppSettings::serviceId(), page);
    m_serviceId->setPlaceholderText(tr("From the Partner Center (for the consent page)"));
    m_openConsent = new QPushButton(tr("Open consent page"), page);
    m_openConsent->setToolTip(tr("Opens TikTok Shop's authorization page in your browser"));
    auto* serviceRow = new QHBoxLayout;
    serviceRow->addWidget(m_serviceId, 1);
    serviceRow->addWidget(m_openConsent);
    m_authCode = new QLineEdit(page);
    m_authCode->setObjectName(QStringLiteral("authCode"));
    m_authCode->setPlaceholderText(tr("Paste the code shown after you authorize"));
    form->addRow(tr("App &key:"), m_appKey);
    form->addRow(tr("App &secret:"), m_appSecret);
    form->addRow(tr("Service ID:"), serviceRow);
    form->addRow(tr("Authorization &code:"), m_authCode);
    layout->addLayout(form);

    m_redirectLabel = new QLabel(page);
    m_redirectLabel->setWordWrap(true);
    m_redirectLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_redirectLabel->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_redirectLabel);

    m_apiBase = new QLineEdit(QStringLiteral("https://open-api.tiktokglobalshop.com"), page);
    m_authBase = new QLineEdit(QStringLiteral("https://auth.tiktok-shops.com"), page);
    m_apiBase->hide();
    m_authBase->hide();

    m_keychainLabel = new QLabel(page);
    m_keychainLabel->setWordWrap(true);
    layout->addWidget(m_keychainLabel);
    m_sessionOnly =
        new QCheckBox(tr("Keep the secrets for this session only (you will connect again next time)"), page);
    m_sessionOnly->hide();
    layout->addWidget(m_sessionOnly);
    layout->addStretch();
    m_pages->addWidget(page);

    for (QLineEdit* edit : {m_appKey, m_appSecret, m_authCode})
        connect(edit, &QLineEdit::textChanged, this, &ConnectDialog::updateButtons);
    connect(m_serviceId, &QLineEdit::textChanged, this, &ConnectDialog::updateButtons);
    connect(m_sessionOnly, &QCheckBox::toggled, this, &ConnectDialog::updateButtons);
    connect(m_openConsent, &QPushButton::clicked, this, &ConnectDialog::openConsentPage);
}

void ConnectDialog::setAppKey(const QString& key)
{
    m_appKey->setText(key);
}

void ConnectDialog::setAppSecret(const QString& secret)
{
    m_appSecret->setText(secret);
}

void ConnectDialog::setAuthCode(const QString& code)
{
    m_authCode->setText(code);
}

void ConnectDialog::setServiceId(const QString& id)
{
    m_serviceId->setText(id);
}

void ConnectDialog::setBaseUrls(const QUrl& apiBase, const QUrl& authBase)
{
    m_apiBase->setText(apiBase.toString());
    m_authBase->setText(authBase.toString());
}

void ConnectDialog::setKeychainProbeResult(const SecretError& result)
{
    keychainChecked(result);
}

bool ConnectDialog::sessionOnly() const
{
    return m_keychainMissing && m_sessionOnly->isChecked();
}

int ConnectDialog::currentPage() const
{
    return m_pages->currentIndex();
}

QString ConnectDialog::redirectUrl() const
{
    return m_receiver->redirectUrl().toString();
}

void ConnectDialog::keychainChecked(const SecretError& result)
{
    m_keychainKnown = true;
    m_keychainMissing = result.kind == SecretError::NoBackend;
    if (!result.isError() || result.kind == SecretError::NotFound) {
        m_keychainLabel->setText(tr("The app secret and the tokens will be kept in the system keychain."));
        m_sessionOnly->hide();
        m_banner->clear();
    } else if (m_keychainMissing) {
        m_keychainLabel->clear();
        m_banner->showMessage(
            Banner::Kind::Warning,
            tr("No system keychain is available (%1). The secrets can be kept in memory for "
               "this session only: you will have to connect again after quitting.")
                .arg(result.message));
        m_sessionOnly->show();
        m_sessionOnly->setChecked(true);
    } else {
        m_keychainLabel->setText(tr("The system keychain answered: %1").arg(result.message));
    }
    updateButtons();
}

void ConnectDialog::updateButtons()
{
    const bool filled = !m_appKey->text().trimmed().isEmpty() && !m_appSecret->text().isEmpty() &&
                        !m_authCode->text().trimmed().isEmpty();
    const bool storeOk = m_keychainKnown && (!m_keychainMissing || m_sessionOnly->isChecked());
    if (m_pages->currentIndex() == CredentialsPage)
        m_connect->setEnabled(filled && storeOk);
    m_openConsent->setEnabled(!m_serviceId->text().trimmed().isEmpty());
}

QString ConnectDialog::consentUrl() const
{
    QUrl url(QStringLiteral("https://services.tiktokshop.com/open/authorize"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("service_id"), m_serviceId->text().trimmed());
    query.addQueryItem(QStringLiteral("state"), m_state);
    url.setQuery(query);
    return url.toString();
}

void ConnectDialog::openConsentPage()
{
    m_state = LoopbackReceiver::randomState();
    m_receiver->setExpectedState(m_state);
    AppSettings::setServiceId(m_serviceId->text().trimmed());
    if (!QDesktopServices::openUrl(QUrl(consentUrl())))
        showError(tr("No browser could be opened. Open this address yourself: %1").arg(consentUrl()));
}

void ConnectDialog::showError(const QString& message)
{
    m_banner->showMessage(Banner::Kind::Error, message);
}

void ConnectDialog::connectShop()
{
    if (m_connector || !m_connect->isEnabled())
        return;
    m_banner->clear();
    m_pages->setCurrentIndex(ConnectingPage);
    m_connect->setEnabled(false);
    m_connector = new ShopConnector(this);
    connect(m_connector, &ShopConnector::connected, this, [this](const QList<Shop>& shops) {
        m_connector->deleteLater();
        m_connector = nullptr;
        m_shops = shops;
        m_shopList->clear();
        for (const Shop& shop : shops)
            m_shopList->addItem(tr("%1 · %2 · %3").arg(shop.name, shop.region, shop.id));
        m_connectedLabel->setText(shops.size() == 1
                                      ? tr("Connected. 1 shop authorized:")
                                      : tr("Connected. %1 shops authorized:").arg(shops.size()));
        m_pages->setCurrentIndex(ConnectedPage);
        m_connect->setText(tr("Start sync"));
        m_connect->setEnabled(true);
        m_appSecret->clear(); // stored in the keychain now; do not keep it in the widget
        Q_EMIT shopsConnected(shops);
    });
    connect(m_connector, &ShopConnector::failed, this, [this](const SyncError& error) {
        m_connector->deleteLater();
        m_connector = nullptr;
        m_pages->setCurrentIndex(CredentialsPage);
        showError(error.message);
        updateButtons();
        Q_EMIT connectFailed(error.message);
    });
    ShopConnector::Request request;
    request.apiBase = QUrl(m_apiBase->text().trimmed());
    request.authBase = QUrl(m_authBase->text().trimmed());
    request.appKey = m_appKey->text().trimmed();
    request.appSecret = m_appSecret->text();
    request.authCode = m_authCode->text().trimmed();
    request.databasePath = m_profile.databasePath;
    request.keychainService = m_profile.keychainService;
    request.sessionOnlySecrets = sessionOnly();
    m_connector->start(request);
}

} // namespace tts
