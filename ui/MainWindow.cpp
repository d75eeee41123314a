#include "MainWindow.h"

#include "BackgroundWorker.h"
#include "config/ConfigFile.h"
#include "dialogs/SecretsDialog.h"
#include "EngineHost.h"
#include "pages/ComposePage.h"
#include "pages/DashboardPage.h"
#include "pages/EndpointsPage.h"
#include "pages/MappingsPage.h"
#include "pages/MessagesPage.h"
#include "pages/NotificationsPage.h"
#include "pages/ParametersPage.h"
#include "pages/StoresPage.h"
#include "pages/WelcomePage.h"
#include "secrets/CredentialStore.h"
#include "storage/ActivitySummary.h"
#include "storage/Database.h"
#include "Translations.h"
#include "widgets/FormFeedback.h"
#include "widgets/SecretsStatusLabel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QUndoStack>

MainWindow::MainWindow(UiContext context, QWidget *parent)
    : QMainWindow(parent)
    , context_(context)
    , navigation_(new QListWidget)
    , stack_(new QStackedWidget)
    , engineStatus_(new QLabel)
    , databaseStatus_(new QLabel)
{
    setWindowTitle(tr("Integrator"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/integrator.svg")));
    setObjectName(QStringLiteral("mainWindow"));
    navigation_->setObjectName(QStringLiteral("navigation"));
    navigation_->setFixedWidth(180);
    navigation_->setIconSize(QSize(20, 20));
    navigation_->setFrameShape(QFrame::NoFrame);

    auto *welcome = new WelcomePage(context);
    connect(welcome, &WelcomePage::demoRequested, this, &MainWindow::demoRequested);
    addPage(welcome, QStringLiteral("welcome"), QStringLiteral("go-home"));
    addPage(dashboard_ = new DashboardPage(context), QStringLiteral("dashboard"),
            QStringLiteral("utilities-system-monitor"));
    addPage(new MessagesPage(context), QStringLiteral("messages"), QStringLiteral("mail-unread"));
    addPage(new MappingsPage(context), QStringLiteral("mappings"), QStringLiteral("network-wired"));
    addPage(new EndpointsPage(context), QStringLiteral("endpoints"), QStringLiteral("network-server"));
    addPage(new StoresPage(context), QStringLiteral("stores"), QStringLiteral("folder-remote"));
    addPage(new ParametersPage(context), QStringLiteral("parameters"), QStringLiteral("preferences-system"));
    addPage(new NotificationsPage(context), QStringLiteral("notifications"),
            QStringLiteral("dialog-information"));
    addPage(compose_ = new ComposePage(context), QStringLiteral("compose"),
            QStringLiteral("mail-message-new"));

    auto *central = new QWidget;
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(navigation_);
    layout->addWidget(stack_, 1);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(new SecretsStatusLabel(context_));
    engineStatus_->setObjectName(QStringLiteral("engineStatus"));
    statusBar()->addPermanentWidget(engineStatus_);
    databaseStatus_->setObjectName(QStringLiteral("databaseStatus"));
    statusBar()->addPermanentWidget(databaseStatus_);

    buildMenus();
    connect(navigation_, &QListWidget::currentRowChanged, this, &MainWindow::onPageChanged);
    connect(context_.engine, &EngineHost::activity, this, &MainWindow::refreshVisible);
    connect(context_.engine, &EngineHost::statusChanged, this,
            [this] { engineStatus_->setText(context_.engine->status()); });
    engineStatus_->setText(context_.engine->status());
    connect(dashboard_, &DashboardPage::healthChanged, this, &MainWindow::updateTray);
    connect(context_.worker, &BackgroundWorker::opened, this, &MainWindow::showDatabaseState);
    showDatabaseState();

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray_ = new QSystemTrayIcon(windowIcon(), this);
        tray_->setToolTip(tr("Integrator"));
        connect(tray_, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        tray_->show();
    }
    restoreSettings();
}

MainWindow::~MainWindow() = default;

// The desktop's icon theme when it has the freedesktop name; otherwise the bundled SVG of the page, so
// the list reads the same on a desktop without a theme (or without that icon).
void MainWindow::addPage(Page *page, const QString &name, const QString &themeIcon)
{
    page->setObjectName(name);
    stack_->addWidget(page);
    const QIcon bundled(QStringLiteral(":/icons/navigation/%1.svg").arg(name));
    auto *item = new QListWidgetItem(QIcon::fromTheme(themeIcon, bundled), page->title(), navigation_);
    item->setData(Qt::UserRole, name);
    connect(page, &Page::openPage, this, &MainWindow::showPage);
    connect(page, &Page::composeRequested, this, [this](const QString &json) {
        compose_->setDocument(json);
        showPage(QStringLiteral("compose"));
    });
    connect(page, &Page::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    databaseActions_ << file->addAction(tr("&Import configuration..."), QKeySequence(tr("Ctrl+I")), this,
                                        &MainWindow::importConfig);
    databaseActions_ << file->addAction(tr("&Export configuration..."), QKeySequence(tr("Ctrl+E")), this,
                                        &MainWindow::exportConfig);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    undo_ = edit->addAction(tr("&Undo"));
    undo_->setShortcut(QKeySequence::Undo);
    redo_ = edit->addAction(tr("&Redo"));
    redo_->setShortcut(QKeySequence::Redo);
    connect(undo_, &QAction::triggered, this, [this] {
        if (QUndoStack *stack = currentPage()->undoStack())
            stack->undo();
    });
    connect(redo_, &QAction::triggered, this, [this] {
        if (QUndoStack *stack = currentPage()->undoStack())
            stack->redo();
    });

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    for (int i = 0; i < stack_->count(); ++i) {
        auto *page = static_cast<Page *>(stack_->widget(i));
        QAction *action = go->addAction(page->title());
        if (i < 9)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, this, [this, i] { navigation_->setCurrentRow(i); });
    }
    go->addSeparator();
    go->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refreshVisible);

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    settings->setObjectName(QStringLiteral("settingsMenu"));
    buildLanguageMenu(settings);
    QAction *secrets = settings->addAction(tr("&Secrets..."), this, &MainWindow::showSecrets);
    secrets->setObjectName(QStringLiteral("secretsAction"));
    databaseActions_ << secrets;

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Integrator"), this, [this] {
        QMessageBox::about(this, tr("About Integrator"),
                           tr("<b>Integrator %1</b><p>Delivers a Spree store's messages to the web services "
                              "subscribed to them, records every attempt and retries failures.</p>")
                               .arg(QStringLiteral(INTEGRATOR_VERSION)));
    });
}

void MainWindow::buildLanguageMenu(QMenu *settings)
{
    QMenu *menu = settings->addMenu(tr("&Language"));
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(menu);
    const QString configured = Translations::configuredLanguage();
    QStringList choices{QString()};
    choices << Translations::languages();
    for (const QString &language : choices) {
        // Each language in its own name, so a person who cannot read the current one still finds theirs.
        QAction *action =
            menu->addAction(language.isEmpty() ? tr("System language") : Translations::nativeName(language));
        action->setObjectName(QStringLiteral("language_") +
                              (language.isEmpty() ? QStringLiteral("system") : language));
        action->setData(language);
        action->setCheckable(true);
        action->setChecked(language == configured);
        group->addAction(action);
        if (language.isEmpty())
            menu->addSeparator();
    }
    menu->addSeparator();
    QAction *note = menu->addAction(tr("Takes effect when Integrator starts again"));
    note->setEnabled(false);
    connect(group, &QActionGroup::triggered, this, [this](QAction *action) {
        Translations::setConfiguredLanguage(action->data().toString());
        statusBar()->showMessage(tr("The new language takes effect when Integrator starts again."), 8000);
    });
}

void MainWindow::showSecrets()
{
    // One dialog at a time; it lives until closed, and does not block the window behind it.
    if (!secretsDialog_) {
        secretsDialog_ = new SecretsDialog(context_, this);
        secretsDialog_->setAttribute(Qt::WA_DeleteOnClose);
    }
    secretsDialog_->show();
    secretsDialog_->raise();
    secretsDialog_->activateWindow();
}

SecretsDialog *MainWindow::secretsDialog() const
{
    return secretsDialog_.data();
}

Page *MainWindow::page(const QString &name) const
{
    return stack_->findChild<Page *>(name, Qt::FindDirectChildrenOnly);
}

void MainWindow::showPage(const QString &name)
{
    ++pagesShown_;
    for (int i = 0; i < stack_->count(); ++i) {
        if (stack_->widget(i)->objectName() == name)
            navigation_->setCurrentRow(i);
    }
}

Page *MainWindow::currentPage() const
{
    return static_cast<Page *>(stack_->currentWidget());
}

void MainWindow::onPageChanged(int index)
{
    if (index < 0)
        return;
    stack_->setCurrentIndex(index);
    Page *page = currentPage();
    QUndoStack *stack = page->undoStack();
    undo_->setEnabled(stack && stack->canUndo());
    redo_->setEnabled(stack && stack->canRedo());
    if (connectedStack_) {
        disconnect(connectedStack_, nullptr, undo_, nullptr);
        disconnect(connectedStack_, nullptr, redo_, nullptr);
    }
    connectedStack_ = stack;
    if (stack) {
        connect(stack, &QUndoStack::canUndoChanged, undo_, &QAction::setEnabled, Qt::UniqueConnection);
        connect(stack, &QUndoStack::canRedoChanged, redo_, &QAction::setEnabled, Qt::UniqueConnection);
    }
    page->refresh();
}

void MainWindow::refreshVisible()
{
    if (currentPage() != dashboard_)
        dashboard_->refresh(); // keeps the tray icon true while another view is shown
    currentPage()->refresh();
}

void MainWindow::updateTray(int parked, int storesDown)
{
    if (!tray_)
        return;
    const bool trouble = parked > 0 || storesDown > 0;
    tray_->setIcon(trouble ? style()->standardIcon(QStyle::SP_MessageBoxWarning) : windowIcon());
    QStringList lines{tr("Integrator")};
    if (parked > 0)
        lines << tr("%n message(s) parked", nullptr, parked);
    if (storesDown > 0)
        lines << tr("%n store(s) down", nullptr, storesDown);
    tray_->setToolTip(lines.join(QLatin1Char('\n')));
}

void MainWindow::showFirstRunIfEmpty()
{
    auto empty = std::make_shared<bool>(false);
    const int shownBefore = pagesShown_;
    context_.worker->post(
        this,
        [empty](const Database &db) {
            QString error; // an unreadable database opens on the dashboard, which says why
            ActivitySummary::isEmpty(db, empty.get(), &error);
        },
        [this, empty, shownBefore] {
            if (pagesShown_ == shownBefore)
                showPage(*empty ? QStringLiteral("welcome") : QStringLiteral("dashboard"));
        });
}

// The window is there before the database is open. Work asked for meanwhile runs once it is; if it
// cannot be opened, the pages and the menu entries that need it are disabled (their work would not run)
// and the status bar says why.
void MainWindow::showDatabaseState()
{
    const BackgroundWorker::State state = context_.worker->state();
    databaseStatus_->setVisible(state == BackgroundWorker::State::Opening ||
                                state == BackgroundWorker::State::Failed);
    if (state == BackgroundWorker::State::Opening)
        databaseStatus_->setText(tr("Opening the database..."));
    if (state != BackgroundWorker::State::Failed)
        return;
    FormFeedback::setStatusText(databaseStatus_,
                                tr("Not connected: %1. Fix that and start Integrator again.")
                                    .arg(context_.worker->openError().simplified()),
                                true);
    centralWidget()->setEnabled(false);
    for (QAction *action : std::as_const(databaseActions_))
        action->setEnabled(false);
}

void MainWindow::showStatus(const QString &text)
{
    statusBar()->showMessage(text, 15000);
}

void MainWindow::importConfig()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import configuration"), {}, tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Import configuration"),
                             tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    const QByteArray json = file.readAll();
    auto result = std::make_shared<QString>();
    auto ok = std::make_shared<bool>(false);
    CredentialStore *credentials = context_.credentials;
    context_.worker->post(
        this,
        [json, result, ok, credentials](const Database &db) {
            ConfigFile::ImportSummary summary;
            QString error;
            *ok = ConfigFile::import(json, db, *credentials, &summary, &error);
            *result = *ok ? summary.describe() : error;
        },
        [this, result, ok] {
            if (*ok) {
                statusBar()->showMessage(tr("Imported: %1").arg(*result), 8000);
                refreshVisible();
            } else {
                QMessageBox::warning(this, tr("Import configuration"),
                                     tr("Nothing imported: %1").arg(*result));
            }
        });
}

void MainWindow::exportConfig()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export configuration"),
                                                      QStringLiteral("integrator.json"), tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    auto json = std::make_shared<QByteArray>();
    auto error = std::make_shared<QString>();
    context_.worker->post(
        this, [json, error](const Database &db) { ConfigFile::exportTo(db, json.get(), error.get()); },
        [this, json, error, path] {
            QFile file(path);
            if (!error->isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(*json) != json->size()) {
                const QString reason = error->isEmpty() ? file.errorString() : *error;
                QMessageBox::warning(this, tr("Export configuration"), tr("Not exported: %1").arg(reason));
                return;
            }
            statusBar()->showMessage(tr("Exported the configuration (without secrets) to %1").arg(path),
                                     8000);
        });
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1180, 760);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    for (int i = 0; i < stack_->count(); ++i) {
        settings.beginGroup(stack_->widget(i)->objectName());
        static_cast<Page *>(stack_->widget(i))->restoreState(settings);
        settings.endGroup();
    }
    showPage(settings.value(QStringLiteral("window/page"), QStringLiteral("dashboard")).toString());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), currentPage()->objectName());
    for (int i = 0; i < stack_->count(); ++i) {
        settings.beginGroup(stack_->widget(i)->objectName());
        static_cast<Page *>(stack_->widget(i))->saveState(settings);
        settings.endGroup();
    }
    event->accept();
}
