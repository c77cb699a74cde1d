#include "aboutdialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace tts {

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("About TikTok Shop Dashboard"));
    setObjectName(QStringLiteral("aboutDialog"));
    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    auto* top = new QHBoxLayout;
    top->setSpacing(16);
    auto* icon = new QLabel(this);
    icon->setPixmap(qApp->windowIcon().pixmap(64, 64));
    top->addWidget(icon, 0, Qt::AlignTop);
    auto* text = new QLabel(this);
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setOpenExternalLinks(true);
    text->setText(tr("<h2>TikTok Shop Dashboard</h2>"
                     "<p>Version %1</p>"
                     "<p>Your TikTok Shop's orders, products and sales charts on your own computer. "
                     "Orders are kept in a local database, so everything works offline; the app secret "
                     "and the tokens stay in the system keychain.</p>"
                     "<p>Built with Qt %2.</p>")
                      .arg(QStringLiteral(TTS_VERSION), QString::fromLatin1(qVersion())));
    text->setMinimumWidth(360);
    top->addWidget(text, 1);
    layout->addLayout(top);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace tts
