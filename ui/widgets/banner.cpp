#include "banner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace tts {

namespace {

// A tint of `hue` at the palette's own lightness, so that light and dark themes both read well.
QColor tint(const QColor& base, int hue, bool strong)
{
    const bool dark = base.lightness() < 128;
    const int lightness = dark ? std::min(255, base.lightness() + (strong ? 40 : 25))
                               : std::max(0, base.lightness() - (strong ? 30 : 18));
    return QColor::fromHsl(hue, dark ? 90 : 170, lightness);
}

} // namespace

Banner::Banner(QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("banner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setAccessibleName(tr("Message"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 8, 8);
    layout->setSpacing(10);
    m_icon = new QLabel(this);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_action = new QPushButton(this);
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss"));
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action, 0, Qt::AlignVCenter);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_action, &QPushButton::clicked, this, [this] {
        // A copy: the slots receive a reference, and one of them may clear() the banner first.
        const QString id = m_actionId;
        Q_EMIT actionTriggered(id);
    });
    connect(m_close, &QToolButton::clicked, this, [this] {
        clear();
        Q_EMIT dismissed();
    });
    hide();
}

void Banner::showMessage(Kind kind, const QString& text, const QString& actionText, const QString& actionId)
{
    m_kind = kind;
    m_actionId = actionId;
    m_text->setText(text);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty());
    const QStyle::StandardPixmap icon = kind == Kind::Error     ? QStyle::SP_MessageBoxCritical
                                        : kind == Kind::Warning ? QStyle::SP_MessageBoxWarning
                                                                : QStyle::SP_MessageBoxInformation;
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon, nullptr, this).pixmap(size, size));
    applyColors();
    show();
}

void Banner::clear()
{
    m_text->clear();
    m_actionId.clear();
    hide();
}

QString Banner::text() const
{
    return m_text->text();
}

void Banner::setDismissible(bool dismissible)
{
    m_close->setVisible(dismissible);
}

void Banner::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange ||
        event->type() == QEvent::StyleChange)
        applyColors();
}

void Banner::applyColors()
{
    if (m_applying)
        return;
    m_applying = true;
    // Start from the application's palette (not our own, which we are about to change).
    QPalette pal = parentWidget() ? parentWidget()->palette() : QPalette();
    const QColor window = pal.color(QPalette::Window);
    int hue = pal.color(QPalette::Highlight).hslHue();
    if (m_kind == Kind::Error)
        hue = 0;
    else if (m_kind == Kind::Warning)
        hue = 42;
    if (hue < 0)
        hue = 210;
    pal.setColor(QPalette::Window, tint(window, hue, false));
    pal.setColor(QPalette::WindowText, pal.color(QPalette::WindowText));
    setPalette(pal);
    m_applying = false;
}

} // namespace tts
