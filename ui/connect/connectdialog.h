#pragma once

#include "api/models.h"
#include "secrets/secretstore.h"
#include "session/shopprofile.h"
#include "sync/synctypes.h"

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace tts {

class Banner;
class LoopbackReceiver;
class ShopConnector;

// First run: the app key and app secret, the consent page in the browser, the authorization code
// (pasted, or captured on a loopback listener), then tts::ShopConnector exchanges it, stores the
// secrets in the keychain (or, where there is none, for this session only, with a warning) and lists
// the authorized shops.
class ConnectDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectDialog(const ShopProfile& profile, QWidget* parent = nullptr);
    ~ConnectDialog() override;

    // Filled programmatically by tests and the demo; the advanced URLs default to the real hosts.
    void setAppKey(const QString& key);
    void setAppSecret(const QString& secret);
    void setAuthCode(const QString& code);
    void setServiceId(const QString& id);
    void setBaseUrls(const QUrl& apiBase, const QUrl& authBase);
    // Skips the keychain check (tests): as if it had answered `result`.
    void setKeychainProbeResult(const SecretError& result);

    bool sessionOnly() const;
    QList<Shop> shops() const { return m_shops; }
    QString consentUrl() const; // with service_id and a fresh state
    QString redirectUrl() const;
    LoopbackReceiver* receiver() const { return m_receiver; }
    int currentPage() const;
    QPushButton* connectButton() const { return m_connect; }
    Banner* banner() const { return m_banner; }

public Q_SLOTS:
    void connectShop();
    void openConsentPage();

Q_SIGNALS:
    void connectFailed(const QString& message);
    void shopsConnected(const QList<tts::Shop>& shops);

private:
    void buildCredentialsPage();
    void keychainChecked(const SecretError& result);
    void updateButtons();
    void showError(const QString& message);

    ShopProfile m_profile;
    QStackedWidget* m_pages = nullptr;
    Banner* m_banner = nullptr;
    QLineEdit* m_appKey = nullptr;
    QLineEdit* m_appSecret = nullptr;
    QLineEdit* m_serviceId = nullptr;
    QLineEdit* m_authCode = nullptr;
    QLineEdit* m_apiBase = nullptr;
    QLineEdit* m_authBase = nullptr;
    QLabel* m_keychainLabel = nullptr;
    QLabel* m_redirectLabel = nullptr;
    QCheckBox* m_sessionOnly = nullptr;
    QPushButton* m_connect = nullptr;
    QPushButton* m_openConsent = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QListWidget* m_shopList = nullptr;
    QLabel* m_connectedLabel = nullptr;
    LoopbackReceiver* m_receiver = nullptr;
    ShopConnector* m_connector = nullptr;
    QList<Shop> m_shops;
    QString m_state;
    bool m_keychainKnown = false;
    bool m_keychainMissing = false;
};

} // namespace tts
