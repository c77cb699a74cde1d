#include "screenshottour.h"

#include "aboutdialog.h"
#include "connect/connectdialog.h"
#include "mainwindow.h"
#include "orders/orderspage.h"
#include "preferences/preferencesdialog.h"
#include "session/shopsession.h"
#include "sync/syncpanel.h"
#include "widgets/banner.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace tts {

ScreenshotTour::ScreenshotTour(MainWindow* window, const QString& directory)
    : QObject(window), m_window(window), m_dir(directory)
{}

bool ScreenshotTour::save(QWidget* widget, const QString& name)
{
    QDir().mkpath(m_dir);
    const QString file = QDir(m_dir).filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(file))
        return false;
    m_saved << file;
    return true;
}

void ScreenshotTour::run()
{
    MainWindow* w = m_window;
    m_steps = {
        [w] { w->showPage(QStringLiteral("dashboard")); },
        [this, w] {
            save(w, QStringLiteral("01-dashboard"));
            w->showPage(QStringLiteral("orders"));
            w->ordersPage()->selectRow(0);
        },
        [this, w] { save(w, QStringLiteral("02-orders")); },
        [this, w] {
            auto* dialog = new ConnectDialog(ShopProfile::realShop(), w);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setObjectName(QStringLiteral("tourConnectDialog"));
            dialog->show();
        },
        [this, w] {
            if (auto* dialog = w->findChild<ConnectDialog*>(QStringLiteral("tourConnectDialog"))) {
                save(dialog, QStringLiteral("03-connect-dialog"));
                dialog->close();
            }
            auto* box =
                new QMessageBox(QMessageBox::Question, MainWindow::tr("Full Resync"),
                                MainWindow::tr("Download every order again?"), QMessageBox::Cancel, w);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setObjectName(QStringLiteral("tourResyncBox"));
            box->setInformativeText(w->fullResyncQuestion());
            box->setDefaultButton(
                box->addButton(MainWindow::tr("Start Full Resync"), QMessageBox::AcceptRole));
            box->show();
        },
        [this, w] {
            if (auto* box = w->findChild<QMessageBox*>(QStringLiteral("tourResyncBox"))) {
                save(box, QStringLiteral("04-full-resync-confirmation"));
                box->close();
            }
            w->banner()->showMessage(Banner::Kind::Error,
                                     MainWindow::tr("TikTok Shop could not be reached (network unreachable). "
                                                    "Your data is safe; check the connection and retry."),
                                     MainWindow::tr("Retry"), QStringLiteral("retry"));
        },
        [this, w] {
            save(w, QStringLiteral("05-error-banner"));
            w->banner()->clear();
            auto* about = new AboutDialog(w);
            about->setAttribute(Qt::WA_DeleteOnClose);
            about->setObjectName(QStringLiteral("tourAbout"));
            about->show();
        },
        [this, w] {
            if (auto* about = w->findChild<AboutDialog*>(QStringLiteral("tourAbout"))) {
                save(about, QStringLiteral("06-about"));
                about->close();
            }
            auto* prefs = new PreferencesDialog(w);
            prefs->setAttribute(Qt::WA_DeleteOnClose);
            prefs->setObjectName(QStringLiteral("tourPreferences"));
            prefs->show();
        },
        [this, w] {
            if (auto* prefs = w->findChild<PreferencesDialog*>(QStringLiteral("tourPreferences"))) {
                save(prefs, QStringLiteral("07-preferences"));
                prefs->close();
            }
            // Progress mid-sync: a full resync, captured once figures arrive, then cancelled (what
            // was fetched is kept).
            w->showPage(QStringLiteral("dashboard"));
            m_waitingForProgress = true;
            connect(w->session(), &ShopSession::syncProgress, this, [this](const SyncProgress& p) {
                if (m_waitingForProgress && p.ordersTotal > 0 && p.ordersDone > 0) {
                    m_waitingForProgress = false;
                    QTimer::singleShot(250, this, &ScreenshotTour::captureProgress);
                }
            });
            connect(w->session(), &ShopSession::syncFinished, this,
                    [this] { QTimer::singleShot(300, this, [this] { next(); }); });
            connect(w->session(), &ShopSession::syncFailed, this,
                    [this] { QTimer::singleShot(300, this, [this] { next(); }); });
            w->session()->startSync(SyncMode::Full);
        },
        [this, w] { save(w, QStringLiteral("09-after-cancel")); },
    };
    QTimer::singleShot(300, this, [this] { next(); });
}

void ScreenshotTour::captureProgress()
{
    save(m_window, QStringLiteral("08-sync-progress"));
    m_window->cancelSync();
}

void ScreenshotTour::next()
{
    if (m_steps.isEmpty()) {
        Q_EMIT finished(m_saved);
        if (m_quit)
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        return;
    }
    const auto step = m_steps.takeFirst();
    const bool waits = m_steps.size() == 1; // the full resync step continues on its own signals
    step();
    if (!waits)
        QTimer::singleShot(400, this, [this] { next(); });
}

} // namespace tts
