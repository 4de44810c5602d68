package dev.baton;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The dependency rules of CONVENTIONS.md, held by ArchUnit so that a violation fails the build. */
@AnalyzeClasses(packages = "dev.baton", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule flowModelIsPlainJava = noClasses()
            .that().resideInAPackage("dev.baton.flow")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.fasterxml..", "dev.langchain4j..",
                    "java.sql..")
            .because("the flow model is plain records that the designer, the engine, the CLI and a future "
                    + "distributed runner all share; JSON mapping lives in flow.io");

    @ArchTest
    static final ArchRule flowKnowsNothingAbove = noClasses()
            .that().resideInAPackage("dev.baton.flow..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.baton.engine..", "dev.baton.audit..",
                    "dev.baton.ui..", "dev.baton.cli..", "dev.baton.app..", "javafx..")
            .because("every other layer depends on the flow model, never the reverse");

    @ArchTest
    static final ArchRule engineHasNoUi = noClasses()
            .that().resideInAPackage("dev.baton.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.baton.ui..", "dev.baton.cli..",
                    "dev.baton.app..", "dev.baton.audit..")
            .because("the engine runs headless (CLI, tests, a future distributed runner); the UI and the audit "
                    + "database observe it only through its event stream");

    @ArchTest
    static final ArchRule topologiesDecideTheEngineDoes = noClasses()
            .that().resideInAnyPackage("dev.baton.engine.topology..", "dev.baton.engine.step..")
            .should().dependOnClassesThat().resideInAPackage("dev.baton.engine")
            .because("a topology decides what to do next and the executor in dev.baton.engine does it: the steps "
                    + "return engine.step's Actions and never see the run, so that "
                    + "another executor (a Temporal workflow) can run the same deciding code (issue 13, item 2)");

    @ArchTest
    static final ArchRule topologiesReadNoClockOrChance = noClasses()
            .that().resideInAnyPackage("dev.baton.engine.topology..", "dev.baton.engine.step..")
            .should().callMethod(System.class, "nanoTime")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(java.time.Instant.class, "now")
            .orShould().dependOnClassesThat().belongToAnyOf(java.time.Clock.class, java.util.Random.class,
                    java.util.concurrent.ThreadLocalRandom.class, java.security.SecureRandom.class)
            .because("the same facts must give the same decisions on any machine and when a Temporal workflow "
                    + "replays them: a limit on work is counted (a regex's character reads), never timed");

    @ArchTest
    static final ArchRule onlyProvidersImportLangChain4j = noClasses()
            .that().resideOutsideOfPackages("dev.baton.engine.model.provider..", "dev.baton.tool.mcp..")
            .should().dependOnClassesThat().resideInAPackage("dev.langchain4j..")
            .because("one package adapts LangChain4j to the engine's own model seam, and one adapts its MCP client "
                    + "to Baton's tools, so that a library upgrade touches those two places only");

    @ArchTest
    static final ArchRule toolsHaveNoUi = noClasses()
            .that().resideInAPackage("dev.baton.tool..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.baton.ui..", "dev.baton.cli..",
                    "dev.baton.app..", "dev.baton.audit..", "dev.baton.engine..")
            .because("tools run headless under the engine's gate; they are told their settings and know nothing of "
                    + "who calls them");

    @ArchTest
    static final ArchRule onlyTraceImportsOpenTelemetry = noClasses()
            .that().resideOutsideOfPackage("dev.baton.trace..")
            .should().dependOnClassesThat().resideInAPackage("io.opentelemetry..")
            .because("one package maps runs to OpenTelemetry spans, so that the engine and the audit stay free of "
                    + "a tracing library and its (partly internal) exporter API is used in one place");

    @ArchTest
    static final ArchRule auditSeesEventsNotUi = noClasses()
            .that().resideInAPackage("dev.baton.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.baton.ui..", "dev.baton.cli..",
                    "dev.baton.app..")
            .allowEmptyShould(true)
            .because("the audit store records engine events and flows; the UI and CLI read it, not the reverse");

    @ArchTest
    static final ArchRule auditDoesNotImportProviders = noClasses()
            .that().resideInAPackage("dev.baton.audit..")
            .should().dependOnClassesThat().resideInAPackage("dev.baton.engine.model.provider..")
            .because("the audit store gets its redactor passed in from dev.baton.secret; reaching into the provider "
                    + "adapters for key shapes tied the database to LangChain4j's package (issue 13, item 5)");

    @ArchTest
    static final ArchRule secretIsALeaf = noClasses()
            .that().resideInAPackage("dev.baton.secret..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.baton.flow..", "dev.baton.engine..",
                    "dev.baton.audit..", "dev.baton.ui..", "dev.baton.cli..", "dev.baton.app..", "javafx..")
            .because("every layer redacts with it, so it must depend on none of them");

    @ArchTest
    static final ArchRule nothingImportsUi = noClasses()
            .that().resideOutsideOfPackages("dev.baton.ui..", "dev.baton.app..")
            .should().dependOnClassesThat().resideInAPackage("dev.baton.ui..")
            .because("the UI is the outermost layer: only the app wiring may know it");

    @ArchTest
    static final ArchRule nothingImportsCli = noClasses()
            .that().resideOutsideOfPackages("dev.baton.cli..", "dev.baton.app..")
            .should().dependOnClassesThat().resideInAPackage("dev.baton.cli..")
            .because("the command line is an outer layer: only the launcher may know it");

    @ArchTest
    static final ArchRule nothingImportsTemporal = noClasses()
            .that().resideOutsideOfPackage("dev.baton.temporal..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.baton.temporal..", "io.temporal..")
            .because("Temporal is opt-in: its libraries (~40 MB of gRPC and protobuf) are only in baton-temporal.jar,"
                    + " so the rest of Baton reaches it by name (run.RemoteEngine) and runs without it");

    @ArchTest
    static final ArchRule temporalHasNoFrontEnd = noClasses()
            .that().resideInAPackage("dev.baton.temporal..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.baton.ui..", "dev.baton.cli..",
                    "dev.baton.app..", "dev.baton.engine.topology..")
            .because("a Temporal worker runs headless and reuses the engine through FlowRunner.hosted: it decides "
                    + "nothing itself, so that it cannot become a second engine");

    @ArchTest
    static final ArchRule cliHasNoJavaFx = noClasses()
            .that().resideInAPackage("dev.baton.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.baton.ui..")
            .because("the command line must run on a machine with no display and no JavaFX toolkit");

    @ArchTest
    static final ArchRule runServiceSitsBelowTheFrontEnds = classes()
            .that().resideInAPackage("dev.baton.run..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.baton.run..", "dev.baton.flow..",
                    "dev.baton.engine..", "dev.baton.audit..", "dev.baton.secret..", "dev.baton.trace..",
                    "dev.baton.tool..", "com.fasterxml.jackson..")
            .because("the run service is the one way both front ends start a run (issue 13, item 1): it may use the "
                    + "model, the engine, the audit store, secrets, tracing and the tools (it starts a run's MCP "
                    + "servers), but never a front end or JavaFX, so that the CLI runs headless and a distributed "
                    + "runner can call it too");

    @ArchTest
    static final ArchRule onlyUiControllersCallTheRunService = noClasses()
            .that().resideInAPackage("dev.baton.ui..")
            .and().haveNameNotMatching(".*(Controller|Session|Model)(\\$.*)?")
            .should().dependOnClassesThat().resideInAPackage("dev.baton.run..")
            .because("views show and ask; the view-models and controllers behind them call the logic layer "
                    + "(JabRef's rule for its logic package), so that what a run needs is decided in one place");

    @ArchTest
    static final ArchRule onlyUiModelsOpenTheAuditDatabase = noClasses()
            .that().resideInAPackage("dev.baton.ui..")
            .and().haveNameNotMatching(".*(Controller|Session|Model)(\\$.*)?")
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.baton.audit.H2AuditStore")
            .because("a view shows what its model read; which database file is opened, when and on which thread "
                    + "is the model's business (issue 13, item 3: the audit browser's view opened it itself)");

    @ArchTest
    static final ArchRule engineStartsNoThreads = noClasses()
            .that().resideInAPackage("dev.baton.engine..")
            .and().resideOutsideOfPackage("dev.baton.engine.model.provider..")
            .should().callConstructorWhere(JavaCall.Predicates.target(owner(assignableTo(Thread.class))))
            .because("the engine runs on an injected Executor so that tests, the UI and a distributed runner "
                    + "control its threads and cancellation");

    @ArchTest
    static final ArchRule importersKnowOnlyTheFlowModel = noClasses()
            .that().resideInAPackage("dev.baton.importer..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.baton.engine..", "dev.baton.audit..",
                    "dev.baton.ui..", "dev.baton.cli..", "dev.langchain4j..")
            .because("an importer reads a foreign file into a flow and runs nothing; the CLI and the designer both"
                    + " call it");

    /**
     * No package cycles, with nothing frozen: the last seven (all in {@code ui}) went when its files moved to packages
     * by floor and feature (issue 13, item 3), and the {@code engine}/{@code engine.topology} one with item 2.
     */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.baton.(**)")
            .should().beFreeOfCycles()
            .because("a package in a cycle cannot be understood, tested or moved alone; layers stay layers "
                    + "only if dependencies point one way");
}
