#include "MappingCommands.h"

#include "BackgroundWorker.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"

#include <QCoreApplication>

MappingCommand::MappingCommand(MappingCommandTarget target, const QString &text)
    : target_(std::move(target))
{
    setText(text);
}

void MappingCommand::save(const std::shared_ptr<Mapping> &mapping)
{
    write([mapping](const ConfigRepository &repository, QString *error) {
        return repository.saveMapping(mapping.get(), error);
    });
}

void MappingCommand::remove(const QString &name)
{
    write([name](const ConfigRepository &repository, QString *error) {
        return repository.removeMapping(name, error);
    });
}

void MappingCommand::write(Change change)
{
    auto failure = std::make_shared<QString>();
    target_.worker->post(
        target_.context,
        [change = std::move(change), failure](const Database &db) {
            WriteTransaction transaction(db);
            QString error;
            if (!transaction.begin(&error) || !change(ConfigRepository(db), &error) ||
                !transaction.commit(&error))
                *failure = error.isEmpty() ? QCoreApplication::translate("MappingCommand",
                                                                         "the database refused the change")
                                           : error;
        },
        [written = target_.written, failure] {
            if (written)
                written(*failure);
        });
}

CreateMappingCommand::CreateMappingCommand(MappingCommandTarget target, const Mapping &mapping)
    : MappingCommand(std::move(target),
                     QCoreApplication::translate("MappingCommand", "Create mapping %1").arg(mapping.name))
    , mapping_(std::make_shared<Mapping>(mapping))
{}

void CreateMappingCommand::redo()
{
    save(mapping_);
}

void CreateMappingCommand::undo()
{
    remove(mapping_->name);
}

EditMappingCommand::EditMappingCommand(MappingCommandTarget target, const Mapping &before,
                                       const Mapping &after)
    : MappingCommand(std::move(target),
                     QCoreApplication::translate("MappingCommand", "Edit mapping %1").arg(after.name))
    , before_(std::make_shared<Mapping>(before))
    , after_(std::make_shared<Mapping>(after))
{}

void EditMappingCommand::redo()
{
    save(after_);
}

void EditMappingCommand::undo()
{
    save(before_);
}

DeleteMappingCommand::DeleteMappingCommand(MappingCommandTarget target, const Mapping &mapping)
    : MappingCommand(std::move(target),
                     QCoreApplication::translate("MappingCommand", "Delete mapping %1").arg(mapping.name))
    , mapping_(std::make_shared<Mapping>(mapping))
{}

void DeleteMappingCommand::redo()
{
    remove(mapping_->name);
}

void DeleteMappingCommand::undo()
{
    save(mapping_);
}
