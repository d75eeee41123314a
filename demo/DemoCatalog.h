#pragma once

#include <QJsonObject>
#include <QRandomGenerator>
#include <QString>

// Believable store content from a fixed seed: the same sequence of calls yields the same people, addresses
// and products on every run, so tests can assert on them and demos look the same each time.
class DemoCatalog
{
public:
    static constexpr quint32 DefaultSeed = 20261122;

    struct Person
    {
        QString firstname;
        QString lastname;
    };

    struct Product
    {
        QString name;
        QString description;
        QString skuPrefix;
        qint64 priceCents = 0;
    };

    explicit DemoCatalog(quint32 seed = DefaultSeed);

    Person person();
    // The serial keeps emails unique however often a name repeats.
    QString email(const Person &person, int serial);
    // Spree's address JSON; the id is the caller's, every other field is generated.
    QJsonObject address(const Person &person, int id);
    Product product();
    // Spree shows a variant's option values ("Size: M"); what a product offers follows from its kind.
    QString optionsText(const QString &productName);
    QString trackingNumber();
    QString specialInstructions(); // mostly empty, as at a real checkout

    int between(int low, int high); // both inclusive
    bool chance(int percent);

private:
    QRandomGenerator random_;
};
