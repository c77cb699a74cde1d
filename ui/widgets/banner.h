#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace tts {

// A non-modal message strip at the top of a window: what happened and what to do, with one action
// button (Reconnect, Retry, ...) and a close button. Its colours are derived from the palette, so it
// follows light and dark themes.
class Banner : public QFrame
{
    Q_OBJECT
public:
    enum class Kind
    {
        Info,
        Warning,
        Error
    };

    explicit Banner(QWidget* parent = nullptr);

    // actionText empty: no action button.
    void showMessage(Kind kind, const QString& text, const QString& actionText = {},
                     const QString& actionId = {});
    void clear(); // hides

    Kind kind() const { return m_kind; }
    QString text() const;
    QString actionId() const { return m_actionId; }
    QPushButton* actionButton() const { return m_action; }
    void setDismissible(bool dismissible);

Q_SIGNALS:
    void actionTriggered(const QString& actionId);
    void dismissed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColors();

    Kind m_kind = Kind::Info;
    QString m_actionId;
    QLabel* m_icon = nullptr;
    QLabel* m_text = nullptr;
    QPushButton* m_action = nullptr;
    QToolButton* m_close = nullptr;
    bool m_applying = false;
};

} // namespace tts
