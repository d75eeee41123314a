#pragma once

#include "model/Store.h"
#include "pages/Page.h"

#include <QHash>
#include <QJsonArray>
#include <QList>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTableWidget;
class StoreHealthPanel;

// Stores: the list with each heartbeat on the left; the selected store's form, a connection test,
// "Poll now" and its health (heartbeat history, last error per collection) on the right. The API key
// is typed here and goes to the keychain; it is never shown again.
class StoresPage : public Page
{
    Q_OBJECT
public:
    explicit StoresPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Stores"); }
    void refresh() override;
    void saveState(QSettings &settings) const override;
    void restoreState(const QSettings &settings) override;
    // Removes the store the form shows, through the worker; with confirm, after asking (the Remove
    // button).
    void removeSelected(bool confirm);

private:
    struct Overview; // what one refresh reads

    QWidget *buildForm();
    QWidget *buildCollections();
    QWidget *buildButtons();
    void showOverview(const Overview &overview);
    void selectByName(const QString &name);
    void onSelectionChanged();
    void loadIntoForm(const Store &store);
    void startNew();
    Store formStore() const;
    bool validateForm(Store *store);
    void onUrlEdited();
    void save();
    void onSaved(const Store &store, const QString &error);
    void onRemoved(const QString &name, const QString &error, const QString &warning);
    void testConnection();
    void pollNow();
    void showStatus(const QString &text, bool error);

    QSplitter *splitter_;
    QTableWidget *table_;
    QLineEdit *name_;
    QLineEdit *url_;
    QLabel *urlError_;
    QLineEdit *apiKey_;
    QHash<QString, QCheckBox *> collectionPolled_; // by collection name
    QHash<QString, QSpinBox *> intervals_;
    QSpinBox *pageSize_;
    QDoubleSpinBox *timeout_;
    QPushButton *save_;
    QPushButton *test_;
    QPushButton *poll_;
    QPushButton *remove_;
    QLabel *status_;
    QLabel *connectionResult_;
    StoreHealthPanel *health_;
    QList<Store> stores_;
    QJsonArray described_;    // StoreRepository::describe(), in the order of stores_
    QString loadedName_;      // the saved store the form shows; empty for a new one
    bool rebuilding_ = false; // the rows are being replaced: selection changes are not a person's
};
