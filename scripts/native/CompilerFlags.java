import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes the JVM flags GraalVM's launcher gives every image builder JVM (its graal-compiler-flags-N.config
 * resource, generated when GraalVM is built): JVMCI on, Truffle and polyglot kept out of the builder, and
 * the JDK-internal packages the builder modules use exported to them.
 *
 * <p>GraalVM generates that export list from its build metadata (each module's requiresConcealed), which
 * the Maven jars do not carry, so here every package of every JDK module is exported to the builder's own
 * modules. Only the builder gains: the application's classes live in the builder's image class loader,
 * outside those modules, and see the JDK exactly as in the real build.
 *
 * <p>Usage: {@code CompilerFlags <out-file> <builder jar>...}; pure JDK, so it runs before anything else.
 */
public final class CompilerFlags {
    public static void main(String[] args) throws Exception {
        Path[] jars = Arrays.stream(args).skip(1).map(Path::of).toArray(Path[]::new);
        Set<String> builderModules = ModuleFinder.of(jars).findAll().stream()
                        .map(ModuleReference::descriptor).map(ModuleDescriptor::name).collect(Collectors.toCollection(TreeSet::new));
        String to = String.join(",", builderModules);
        // The modules the builder JVM resolves (its --add-modules=ALL-DEFAULT and the builder modules):
        // exports of others would only draw "Unknown module" warnings.
        Set<String> roots = new TreeSet<>(builderModules);
        ModuleFinder.ofSystem().findAll().stream().map(ModuleReference::descriptor)
                        .filter(d -> d.exports().stream().anyMatch(e -> !e.isQualified())).map(ModuleDescriptor::name).forEach(roots::add);
        Set<String> resolved = Configuration.empty().resolve(ModuleFinder.compose(ModuleFinder.of(jars), ModuleFinder.ofSystem()), ModuleFinder.of(), roots)
                        .modules().stream().map(m -> m.name()).collect(Collectors.toSet());
        List<String> flags = new ArrayList<>(List.of(
                        // The builder drives its compiler through JVMCI.
                        "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                        // Truffle and polyglot, should a library bring them, stay inert inside the builder.
                        "-Dtruffle.TrustAllTruffleRuntimeProviders=true",
                        "-Dtruffle.TruffleRuntime=com.oracle.truffle.api.impl.DefaultTruffleRuntime",
                        "-Dgraalvm.ForcePolyglotInvalid=true", "-Dgraalvm.locatorDisabled=true",
                        // The C library the builder targets on Linux.
                        "-Dsubstratevm.HostLibC=glibc"));
        for (ModuleReference ref : ModuleFinder.ofSystem().findAll().stream().sorted((a, b) -> a.descriptor().name().compareTo(b.descriptor().name())).toList()) {
            ModuleDescriptor d = ref.descriptor();
            if (builderModules.contains(d.name()) || !resolved.contains(d.name())) {
                continue; // the builder's own modules (it replaces the JDK's jdk.graal.compiler), or not resolved
            }
            Set<String> exported = d.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
            for (String pkg : new TreeSet<>(d.packages())) {
                if (!exported.contains(pkg)) {
                    flags.add("--add-exports=" + d.name() + "/" + pkg + "=" + to);
                }
            }
        }
        Files.write(Path.of(args[0]), flags);
    }
}
