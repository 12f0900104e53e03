package io.octavia.core;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module boundaries over all four jars: no cycles, no access to another module's
 * internals, only declared dependencies. Also writes the module documentation to
 * {@code docs/modules}.
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(OctaviaCoreApplication.class);

	@Test
	void seesEveryModuleOfTheDomainTheConsolesAndTheApplication() {
		assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString)).contains("platform",
				"tenancy", "branding", "identity", "apikeys", "billing", "ledger", "notifications", "audit", "api",
				"gateway", "server", "admin", "portal");
	}

	@Test
	void verifiesTheModuleBoundaries() {
		modules.verify();
	}

	@Test
	void writesTheModuleDocumentation() {
		Path root = Path.of(System.getenv().getOrDefault("OCTAVIA_ROOT", ".."));
		Path output = root.resolve("docs/modules");
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(output.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		assertThat(output.resolve("components.puml")).exists();
	}

}
