#pragma once

#include "model/Mapping.h"

#include <QUndoCommand>

#include <functional>
#include <memory>

class BackgroundWorker;
class ConfigRepository;

// Where mapping commands write and whom they tell. `written` runs on the GUI thread after every
// write, with the one-line reason when it failed (empty on success); it is dropped once `context`
// is gone.
struct MappingCommandTarget
{
    BackgroundWorker *worker = nullptr;
    QObject *context = nullptr;
    std::function<void(const QString &error)> written;
};

// An undoable change of the mappings. redo() and undo() return at once: each posts one
// ConfigRepository write (its own transaction, config_version bumped, so running engines route new
// messages by it at once) to the worker thread, which runs posts in order.
class MappingCommand : public QUndoCommand
{
public:
    MappingCommand(MappingCommandTarget target, const QString &text);

protected:
    // The id the database gives a new mapping is written back, so later steps update that row.
    void save(const std::shared_ptr<Mapping> &mapping);
    void remove(const QString &name);

private:
    using Change = std::function<bool(const ConfigRepository &repository, QString *error)>;
    void write(Change change);

    MappingCommandTarget target_;
};

class CreateMappingCommand : public MappingCommand
{
public:
    CreateMappingCommand(MappingCommandTarget target, const Mapping &mapping);
    void redo() override;
    void undo() override;

private:
    std::shared_ptr<Mapping> mapping_;
};

class EditMappingCommand : public MappingCommand
{
public:
    // Both carry the mapping's id: a rename updates the same row.
    EditMappingCommand(MappingCommandTarget target, const Mapping &before, const Mapping &after);
    void redo() override;
    void undo() override;

private:
    std::shared_ptr<Mapping> before_;
    std::shared_ptr<Mapping> after_;
};

// Removes the mapping but keeps its row for the message history (ConfigRepository::removeMapping);
// undo saves it back, which restores that row.
class DeleteMappingCommand : public MappingCommand
{
public:
    DeleteMappingCommand(MappingCommandTarget target, const Mapping &mapping);
    void redo() override;
    void undo() override;

private:
    std::shared_ptr<Mapping> mapping_;
};
