#pragma once

#include "pages/Page.h"

#include <QList>
#include <QStringList>

#include <functional>

class ConfigEdits;
class Database;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableWidget;

// What the Endpoints, Stores and Parameters pages share: the entries in a table on the left, the form
// of one on the right with New, Save and Remove and a status line, and the round trips through the
// worker that read the entries, save the form and remove an entry. An entry's name is its key: once
// saved, the name field is read-only and "New" makes another entry.
//
// A subclass adds its fields to form() below the name, fills the rows, and says what a save and a
// removal write (prepareSave(), removalOf()); this class keeps the selection, the buttons and the
// status in step.
class ConfigFormPage : public Page
{
    Q_OBJECT
public:
    void saveState(QSettings &settings) const final;
    void restoreState(const QSettings &settings) final;
    // Removes the entry the form shows, through the worker; with confirm, after asking when the page
    // has a question (the Remove button). A refusal is shown in the status line.
    void removeSelected(bool confirm);

Q_SIGNALS:
    // A read of the entries came back: what it read is shown, or why it failed.
    void refreshed();

protected:
    // Runs on the worker thread, with the worker's connection and the credential store.
    using Write = std::function<void(const ConfigEdits &edits, QString *error)>;
    using Remove = std::function<bool(const ConfigEdits &edits, const QString &name, QString *error,
                                      QString *warning)>; // ConfigEdits::removeEndpoint, say
    using Read = std::function<bool(const Database &db, QString *error)>;

    struct SaveRequest
    {
        QString name;
        QString savedText; // "Saved endpoint mailer"
        Write write;
        std::function<void()> applied; // on this thread, after a write that succeeded
    };

    struct Removal
    {
        QString title; // of the question; no question: removed without asking
        QString question;
        QString removedText; // "Removed endpoint mailer"
        Remove remove;
    };

    // `kind` names the widgets for tests and settings: "endpoint" gives endpointTable, endpointName,
    // newEndpoint, saveEndpoint, removeEndpoint, endpointStatus and endpointsSplitter.
    ConfigFormPage(UiContext context, const QString &kind, const QStringList &columns,
                   const QString &namePlaceholder, QWidget *parent = nullptr);

    // The form's rows; the first one is the name.
    QFormLayout *form() const { return form_; }
    // A URL row (kindUrl) with a line under it (kindUrlError) that says what is wrong with the URL
    // while it is typed, but not before anything is typed.
    QLineEdit *addUrlRow(const QString &placeholder);
    // A password row for the entry's secret: typed here, stored sealed, and never shown again.
    QLineEdit *addSecretRow(const QString &label, const QString &objectName, const QString &newEntryHint);
    // Empties the secret row; its placeholder says whether a sealed secret is stored for the entry, or for
    // a new entry, what to type.
    void showSecretStored(bool stored);
    // Keeps a detail panel's own view state (its column widths) with the page's.
    template<typename Panel> void rememberStateOf(Panel *panel)
    {
        panelStates_.append({[panel](QSettings &settings) { panel->saveState(settings); },
                             [panel](const QSettings &settings) { panel->restoreState(settings); }});
    }
    // Lays the page out: the table, and beside it the form, the buttons (New, Save, `extraButtons`,
    // Remove, the status line) and `details` below them, the last of which takes the spare height.
    void setEditor(const QList<QPushButton *> &extraButtons, const QList<QWidget *> &details,
                   int tableStretch, int editorStretch);

    // `read` runs on the worker; then `show` here, or the status line says `failure` with the reason.
    void readThroughWorker(const Read &read, const std::function<void()> &show, const QString &failure);
    // One row per entry, its name in the first cell; the entry the form shows stays selected.
    void showRows(const QList<QStringList> &rows);
    // The form now shows the saved entry `name`; an empty name is a new one.
    void showLoaded(const QString &name);
    void startNew();
    void save();
    void showStatus(const QString &text, bool error);
    static QString storedSecretHint(bool stored); // the placeholder of a secret field

    QString loadedName() const { return loadedName_; }
    // Counts the entries the form was given (showLoaded()): an answer asked for under another count is
    // about an entry the form no longer shows.
    int formGeneration() const { return formGeneration_; }
    QLineEdit *nameEdit() const { return name_; }
    QPushButton *removeButton() const { return remove_; }

private:
    // A person picked the entry in this row, another than the form shows.
    virtual void loadRow(int row) = 0;
    // Empties the form for a new entry (after showLoaded(QString())).
    virtual void clearForm() = 0;
    // The form's entry, validated; false with the reason when it cannot be saved as it is.
    virtual bool prepareSave(SaveRequest *request, QString *invalid) = 0;
    virtual Removal removalOf(const QString &name) const = 0;

    void setUpTable(const QStringList &columns);
    void setUpButtons();
    QWidget *buildButtons(const QList<QPushButton *> &extraButtons);
    // `edit` runs on the worker with the worker's connection and the credential store; then `done` here.
    void editThroughWorker(const std::function<void(const ConfigEdits &edits)> &edit,
                           std::function<void()> done);
    void onSelectionChanged();
    void onSaved(const SaveRequest &request, int formGeneration, const QString &error);
    void onRemoved(const Removal &removal, const QString &name, const QString &error, const QString &warning);
    void announce(const QString &text, bool warning);

    struct PanelState
    {
        std::function<void(QSettings &)> save;
        std::function<void(const QSettings &)> restore;
    };

    QString kind_;
    QSplitter *splitter_;
    QTableWidget *table_;
    QLineEdit *name_;
    QWidget *formWidget_;
    QFormLayout *form_;
    QLineEdit *secret_ = nullptr; // addSecretRow()
    QString newEntrySecretHint_;
    QPushButton *new_;
    QPushButton *save_;
    QPushButton *remove_;
    QLabel *status_;
    QList<PanelState> panelStates_;
    QStringList rowNames_;
    QString loadedName_;      // the saved entry the form shows; empty for a new one
    int formGeneration_ = 0;  // formGeneration()
    bool rebuilding_ = false; // the rows are being replaced: selection changes are not a person's
};
