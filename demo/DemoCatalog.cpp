#include "DemoCatalog.h"

#include <QJsonValue>

#include <iterator>

namespace {

const char *const FirstNames[] = {"Olivia", "Liam",   "Emma",  "Noah",   "Ava",    "Elijah", "Sophia",
                                  "Mateo",  "Isabel", "Lucas", "Mia",    "Ethan",  "Amelia", "James",
                                  "Harper", "Aiden",  "Chloe", "Daniel", "Grace",  "Samuel", "Nora",
                                  "Henry",  "Layla",  "Owen",  "Zoe",    "Julian", "Priya",  "Kenji"};

const char *const LastNames[] = {"Smith",    "Johnson",  "Garcia", "Miller",   "Davis",  "Rodriguez",
                                 "Martinez", "Lopez",    "Wilson", "Anderson", "Thomas", "Taylor",
                                 "Moore",    "Jackson",  "Martin", "Lee",      "Walker", "Hall",
                                 "Young",    "Nguyen",   "Patel",  "Kim",      "Rivera", "Brooks",
                                 "Foster",   "Sullivan", "Okafor", "Novak"};

// example.* are reserved for documentation, so a demo never mails a real person.
const char *const EmailDomains[] = {"example.com", "example.org", "example.net"};

const char *const Streets[] = {"Maple Avenue", "Oak Street",     "Cedar Lane",  "Elm Street",
                               "Pine Road",    "Lakeview Drive", "Main Street", "Highland Avenue",
                               "Sunset Blvd",  "Mill Road",      "Park Place",  "River Road"};

const char *const Companies[] = {"Acme Corp", "Globex", "Initech", "Umbrella LLC", "Stark Industries"};

struct City
{
    const char *name;
    const char *stateAbbr;
    const char *stateName;
    int zipBase;
    int areaCode;
};

const City Cities[] = {
    {"Portland", "OR", "Oregon", 97201, 503},       {"Austin", "TX", "Texas", 78701, 512},
    {"Denver", "CO", "Colorado", 80202, 303},       {"Brooklyn", "NY", "New York", 11201, 718},
    {"Chicago", "IL", "Illinois", 60601, 312},      {"Seattle", "WA", "Washington", 98101, 206},
    {"Atlanta", "GA", "Georgia", 30303, 404},       {"Madison", "WI", "Wisconsin", 53703, 608},
    {"Tucson", "AZ", "Arizona", 85701, 520},        {"Raleigh", "NC", "North Carolina", 27601, 919},
    {"Columbus", "OH", "Ohio", 43215, 614},         {"San Diego", "CA", "California", 92101, 619},
    {"Boston", "MA", "Massachusetts", 2108, 617},   {"Nashville", "TN", "Tennessee", 37201, 615},
    {"Minneapolis", "MN", "Minnesota", 55401, 612}, {"Burlington", "VT", "Vermont", 5401, 802},
};

const char *const Adjectives[] = {"Classic",  "Vintage", "Everyday", "Premium", "Organic",
                                  "Heritage", "Urban",   "Trail",    "Summit",  "Coastal"};

const char *const Colors[] = {"Navy", "Charcoal", "Forest", "Sand", "Crimson", "Ivory", "Slate", "Olive"};

struct ProductKind
{
    const char *noun;
    const char *skuPrefix;
    int minDollars;
    int maxDollars;
    const char *optionType; // nullptr: sold in one variant only
    const char *material;
};

const ProductKind Kinds[] = {
    {"T-Shirt", "APP", 15, 35, "Size", "soft ring-spun cotton"},
    {"Hoodie", "APP", 39, 79, "Size", "brushed fleece"},
    {"Socks", "APP", 8, 18, "Size", "merino wool"},
    {"Cap", "ACC", 18, 32, nullptr, "washed canvas"},
    {"Tote Bag", "BAG", 14, 29, nullptr, "heavy cotton canvas"},
    {"Backpack", "BAG", 49, 129, "Color", "recycled nylon"},
    {"Mug", "MUG", 12, 24, nullptr, "glazed stoneware"},
    {"Tumbler", "MUG", 19, 39, "Color", "double-wall stainless steel"},
    {"Water Bottle", "MUG", 16, 34, "Color", "BPA-free steel"},
    {"Notebook", "STA", 9, 22, nullptr, "acid-free recycled paper"},
    {"Sticker Pack", "STA", 4, 9, nullptr, "weatherproof vinyl"},
    {"Poster", "ART", 15, 45, "Size", "matte archival paper"},
};

const char *const Sizes[] = {"XS", "S", "M", "L", "XL"};
const char *const PosterSizes[] = {"12x18", "18x24", "24x36"};
const char *const OptionColors[] = {"Black", "Red", "Blue", "Green", "White"};

const char *const Instructions[] = {"Please leave at the back door.", "Gift wrap if possible.",
                                    "Call on arrival.", "Deliver after 5pm, please."};

template<typename T, std::size_t N> const T &pickFrom(QRandomGenerator &random, const T (&values)[N])
{
    return values[random.bounded(int(N))];
}

QString latin1(const char *text)
{
    return QString::fromLatin1(text);
}

const ProductKind *kindOf(const QString &productName)
{
    for (const ProductKind &kind : Kinds) {
        if (productName.endsWith(latin1(kind.noun)))
            return &kind;
    }
    return nullptr;
}

} // namespace

DemoCatalog::DemoCatalog(quint32 seed)
    : random_(seed)
{}

DemoCatalog::Person DemoCatalog::person()
{
    return {latin1(pickFrom(random_, FirstNames)), latin1(pickFrom(random_, LastNames))};
}

QString DemoCatalog::email(const Person &person, int serial)
{
    return QStringLiteral("%1.%2%3@%4")
        .arg(person.firstname.toLower(), person.lastname.toLower(), QString::number(serial),
             latin1(pickFrom(random_, EmailDomains)));
}

QJsonObject DemoCatalog::address(const Person &person, int id)
{
    // One draw per statement: the order of draws, and so the catalog, must not depend on the compiler.
    const City &city = pickFrom(random_, Cities);
    const int houseNumber = between(1, 9899);
    const QString street = latin1(pickFrom(random_, Streets));
    const QJsonValue address2 =
        chance(25) ? QJsonValue(QStringLiteral("Apt %1").arg(between(1, 40))) : QJsonValue();
    const QJsonValue company = chance(10) ? QJsonValue(latin1(pickFrom(random_, Companies))) : QJsonValue();
    const int zipcode = city.zipBase + between(0, 30);
    const int phone = between(0, 99);
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("firstname"), person.firstname},
        {QStringLiteral("lastname"), person.lastname},
        {QStringLiteral("full_name"), QStringLiteral("%1 %2").arg(person.firstname, person.lastname)},
        {QStringLiteral("address1"), QStringLiteral("%1 %2").arg(QString::number(houseNumber), street)},
        {QStringLiteral("address2"), address2},
        {QStringLiteral("city"), latin1(city.name)},
        {QStringLiteral("zipcode"), QStringLiteral("%1").arg(zipcode, 5, 10, QLatin1Char('0'))},
        {QStringLiteral("phone"),
         QStringLiteral("(%1) 555-01%2").arg(city.areaCode).arg(phone, 2, 10, QLatin1Char('0'))},
        {QStringLiteral("company"), company},
        {QStringLiteral("state_name"), QJsonValue()},
        {QStringLiteral("country"), QJsonObject{{QStringLiteral("iso"), QStringLiteral("US")},
                                                {QStringLiteral("name"), QStringLiteral("United States")}}},
        {QStringLiteral("state"), QJsonObject{{QStringLiteral("abbr"), latin1(city.stateAbbr)},
                                              {QStringLiteral("name"), latin1(city.stateName)}}},
    };
}

DemoCatalog::Product DemoCatalog::product()
{
    // One draw per statement: the order of draws, and so the catalog, must not depend on the compiler.
    const ProductKind &kind = pickFrom(random_, Kinds);
    const QString adjective = latin1(pickFrom(random_, Adjectives));
    const QString color = latin1(pickFrom(random_, Colors));
    Product product;
    product.name = QStringLiteral("%1 %2 %3").arg(adjective, color, latin1(kind.noun));
    product.description =
        QStringLiteral("Our %1 %2 %3 is made from %4. Designed to last, shipped in "
                       "plastic-free packaging.")
            .arg(adjective.toLower(), color.toLower(), latin1(kind.noun).toLower(), latin1(kind.material));
    product.skuPrefix = latin1(kind.skuPrefix);
    // Shop prices end in .99 more often than not.
    product.priceCents = between(kind.minDollars, kind.maxDollars) * 100 - (chance(70) ? 1 : 0);
    return product;
}

QString DemoCatalog::optionsText(const QString &productName)
{
    const ProductKind *kind = kindOf(productName);
    if (!kind || !kind->optionType)
        return {};
    const QString type = latin1(kind->optionType);
    QString value;
    if (type == QStringLiteral("Color"))
        value = latin1(pickFrom(random_, OptionColors));
    else if (latin1(kind->noun) == QStringLiteral("Poster"))
        value = latin1(pickFrom(random_, PosterSizes));
    else
        value = latin1(pickFrom(random_, Sizes));
    return QStringLiteral("%1: %2").arg(type, value);
}

QString DemoCatalog::trackingNumber()
{
    // UPS style: "1Z", six letters or digits, ten digits.
    static const QString alphabet = QStringLiteral("ABCDEFGHJKLMNPRSTUVWXY0123456789");
    QString tracking = QStringLiteral("1Z");
    for (int i = 0; i < 6; ++i)
        tracking.append(alphabet.at(random_.bounded(int(alphabet.size()))));
    for (int i = 0; i < 10; ++i)
        tracking.append(QLatin1Char(char('0' + random_.bounded(10))));
    return tracking;
}

QString DemoCatalog::specialInstructions()
{
    return chance(15) ? latin1(pickFrom(random_, Instructions)) : QString();
}

int DemoCatalog::between(int low, int high)
{
    return int(random_.bounded(low, high + 1));
}

bool DemoCatalog::chance(int percent)
{
    return random_.bounded(100) < percent;
}
