#pragma once

#include "model/Store.h"
#include "pages/ConfigFormPage.h"

#include <QHash>
#include <QJsonArray>
#include <QList>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class StoreHealthPanel;

// Stores: the list with each heartbeat on the left; the selected store's form, a connection test,
// "Poll now" and its health (heartbeat history, last error per collection) on the right. The API key
// is typed here and is stored sealed; it is never shown again.
class StoresPage : public ConfigFormPage
{
    Q_OBJECT
public:
    explicit StoresPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Stores"); }
    void refresh() override;

private:
    struct Overview; // what one refresh reads

    void buildForm();
    QWidget *buildCollections();
    QList<QPushButton *> buildStoreButtons();
    void showOverview(const Overview &overview);
    void loadRow(int row) override;
    void clearForm() override;
    bool prepareSave(SaveRequest *request, QString *invalid) override;
    Removal removalOf(const QString &name) const override;
    void fillForm(const Store &store);
    void showWebhookSecretStored(bool stored);
    Store formStore() const;
    bool validateForm(Store *store, QString *invalid) const;
    void testConnection();
    void pollNow();

    void showApiFields(); // the OAuth client's fields only where the chosen API takes them

    QLineEdit *url_;
    QLineEdit *apiKey_;
    QComboBox *api_;
    QLineEdit *clientId_;
    QLineEdit *clientSecret_;
    QLineEdit *webhookSecret_; // verifies the store's Spree webhooks; never shown, only replaced
    QHash<QString, QCheckBox *> collectionPolled_; // by collection name
    QHash<QString, QSpinBox *> intervals_;
    QSpinBox *pageSize_;
    QDoubleSpinBox *timeout_;
    QPushButton *test_;
    QPushButton *poll_;
    QLabel *connectionResult_;
    StoreHealthPanel *health_;
    QList<Store> stores_;
};
