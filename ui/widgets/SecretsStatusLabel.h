#pragma once

#include "pages/Page.h"
#include "SealedSecretsState.h"

#include <QLabel>

#include <optional>

// The status bar's word on secrets: which master key this process holds and where it came from, that it
// is still being read, or why there is none. Reads only the CredentialStore's state (never the keychain)
// and asks the worker which key sealed the database, so it can warn when the two differ.
class SecretsStatusLabel : public QLabel
{
    Q_OBJECT
public:
    explicit SecretsStatusLabel(UiContext context, QWidget *parent = nullptr);

    bool isWarning() const { return warning_; }

private:
    void recheckDatabase();
    void showState();
    void present(const QString &text, bool warning, const QString &details = {});

    UiContext context_;
    std::optional<SealedSecretsState> database_; // unknown until the worker answered
    bool warning_ = false;
};
