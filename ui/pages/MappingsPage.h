#pragma once

#include "MappingService.h"
#include "model/Endpoint.h"
#include "model/Mapping.h"
#include "pages/Page.h"

#include <QList>
#include <QStringList>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;
class MappingCanvas;
class MappingInspector;
class MappingTableModel;
struct MappingCommandTarget;

// The visual mapping editor: the mappings as a graph (drag a message type onto a service to subscribe
// it) and as a table, beside an inspector for the selected one. Every change is an undo command that
// writes through ConfigRepository on the worker thread; the view then reloads from the database.
class MappingsPage : public Page
{
    Q_OBJECT
public:
    explicit MappingsPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Mappings"); }
    void refresh() override;
    QUndoStack *undoStack() const override { return undoStack_; }
    void saveState(QSettings &settings) const override;
    void restoreState(const QSettings &settings) override;

    MappingCanvas *canvas() const { return canvas_; }
    MappingInspector *inspector() const { return inspector_; }
    QString selectedMapping() const { return selected_; }
    // Shows the mapping (by name) on the canvas, in the table and in the inspector; empty: none.
    void selectMapping(const QString &name);

Q_SIGNALS:
    // The view shows what the database held at the last refresh (tests wait on this).
    void refreshed();

private:
    QWidget *buildCanvasTab();
    QWidget *buildTableTab();
    QWidget *buildTypeControls();
    QWidget *buildServiceControls();
    void showData(const QList<Endpoint> &endpoints, const QList<Mapping> &mappings, bool predatesSelection);
    void updateServiceEndpoints();
    void redrawCanvas();
    void createMapping(const QString &type, const MappingService &service);
    void applyEdit(const Mapping &before, Mapping after);
    void deleteMapping(const QString &name);
    void addType();
    void addService();
    void createFromFields();
    QString serviceError(const MappingService &service) const; // empty when the service can be added
    void onTableSelection();
    void showError(const QString &error);
    MappingCommandTarget commandTarget();
    const Mapping *findMapping(const QString &name) const;
    qint64 endpointId(const QString &name) const;
    QStringList endpointNames() const;
    QStringList mappingNames() const;

    QUndoStack *undoStack_;
    QSplitter *splitter_;
    QTabWidget *tabs_;
    MappingCanvas *canvas_;
    QTableView *table_;
    MappingTableModel *model_;
    MappingInspector *inspector_;
    QLineEdit *newTypeName_;
    QComboBox *serviceEndpoint_;
    QLineEdit *newServicePath_;
    QPushButton *deleteButton_;
    QLabel *error_;

    QList<Endpoint> endpoints_;
    QList<Mapping> mappings_;
    QStringList extraTypes_;              // added by the user, kept until a mapping uses them
    QList<MappingService> extraServices_; // likewise
    QString selected_;
    // Loads and the writes that select a mapping go to the worker, which runs them in order: a load
    // posted before such a write answers without the mapping.
    quint64 postOrder_ = 0;
    quint64 selectionWrittenAt_ = 0;
    bool refreshing_ = false;
    bool refreshAgain_ = false;
    bool syncingTable_ = false;
};
