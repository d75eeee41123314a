#pragma once

#include "model/Mapping.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

// Edits one mapping: subscription, filters, identifiers, parameters and delivery options. The form is
// turned into the mapping's config object and read back by Mapping::fromConfig (filters row by row by
// MessageFilter::fromJson), so the form accepts exactly what a config import accepts, and says why
// not in one line while Apply stays disabled.
class MappingInspector : public QWidget
{
    Q_OBJECT
public:
    explicit MappingInspector(QWidget *parent = nullptr);

    void setEndpoints(const QStringList &names);
    // Every mapping's name: the shown mapping may not be renamed to another's.
    void setMappingNames(const QStringList &names);
    void showMapping(const Mapping &mapping);
    void showNothing();
    bool hasMapping() const { return loaded_.has_value(); }
    Mapping loadedMapping() const { return loaded_.value_or(Mapping()); }

Q_SIGNALS:
    // `after` keeps the mapping's id; its endpointId is the caller's to resolve from the endpoint name.
    void applyRequested(const Mapping &before, const Mapping &after);

private:
    QWidget *buildSubscription();
    QWidget *buildFilters();
    QWidget *buildIdentifiers();
    QWidget *buildDelivery();
    QWidget *buildButtons();
    void connectEdits();
    void addFilterRow(const MessageFilter &filter);
    void addIdentifierRow(const QString &name, const QString &path);
    void fillFields(const Mapping &mapping);
    QJsonObject formConfig(QString *error) const; // everything but the filters
    QJsonArray filterConfig(QString *error) const;
    QJsonObject filterAt(int row) const;
    QJsonObject identifierConfig(QString *error) const;
    QJsonArray scheduleConfig(QString *error) const;
    void validate();
    void apply();

    std::optional<Mapping> loaded_;
    std::optional<Mapping> edited_; // the form's content when it is valid
    QStringList mappingNames_;
    bool loading_ = false;

    QLabel *heading_;
    QWidget *form_;
    QLineEdit *name_;
    QLineEdit *messages_;
    QComboBox *endpoint_;
    QLineEdit *path_;
    QCheckBox *enabled_;
    QTableWidget *filters_;
    QLabel *filterError_;
    QTableWidget *identifiers_;
    QLineEdit *parameters_;
    QCheckBox *retriesAllowed_;
    QLineEdit *retrySchedule_;
    QDoubleSpinBox *timeout_;
    QLabel *mappingError_;
    QPushButton *revert_;
    QPushButton *apply_;
};
