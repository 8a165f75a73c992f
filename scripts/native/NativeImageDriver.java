import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.graalvm.collections.EconomicMap;
import org.graalvm.nativeimage.ImageInfo;

import com.oracle.svm.common.option.MultiOptionValue;
import com.oracle.svm.configure.ConfigurationFile;
import com.oracle.svm.core.NativeImageClassLoaderOptions;
import com.oracle.svm.core.SharedConstants;
import com.oracle.svm.core.SubstrateOptions;
import com.oracle.svm.core.SubstrateUtil;
import com.oracle.svm.core.configure.ConfigurationFiles;
import com.oracle.svm.core.option.APIOption;
import com.oracle.svm.core.option.APIOptionGroup;
import com.oracle.svm.core.option.BundleMember;
import com.oracle.svm.core.option.OptionOrigin;
import com.oracle.svm.core.option.OptionUtils;
import com.oracle.svm.core.option.SubstrateOptionsParser;
import com.oracle.svm.hosted.NativeImageGeneratorRunner;
import com.oracle.svm.hosted.NativeImageSystemClassLoader;
import com.oracle.svm.hosted.option.HostedOptionParser;
import com.oracle.svm.util.ModuleSupport;

import jdk.graal.compiler.options.OptionDescriptor;
import jdk.graal.compiler.options.OptionStability;
import jdk.graal.compiler.options.OptionsContainer;

/**
 * What GraalVM's {@code native-image} launcher (com.oracle.svm.driver.NativeImage, which Maven Central
 * does not ship) does between its command line and the image builder, for a check that has the
 * builder's jars but not the launcher. It follows the launcher's algorithm step by step, and takes its
 * data from the builder jars on this JVM's module path exactly where the launcher does: the
 * {@code --option} spellings from their {@code @APIOption} annotations, the {@code -H:} option names,
 * types and stability from their option descriptors, the configuration file names and option keys from
 * {@code ConfigurationFiles}. So a GraalVM update brings its own option table.
 *
 * <p>Usage: {@code NativeImageDriver <graalvm-home> <mandrel-version> <out-dir> <keep-alive-pid>
 * <native-image.args> [driver args...]}, run in the directory the launcher would run in. It writes
 * {@code builder.jvm.args} (a java @argfile), {@code builder.image.args} (the builder's NUL-separated
 * argument file), {@code builder.env} and {@code builder.command.txt} (all of it, one argument a line)
 * to out-dir. Anything the launcher would refuse is refused; any launcher feature this translation does not
 * implement is refused too, by name, so that a build through it is never quietly unlike a build through GraalVM's launcher.
 */
public final class NativeImageDriver {

    static final String H = "-H:";
    static final String R = "-R:";
    static final String ALL_UNNAMED = "ALL-UNNAMED";
    static final String UNLOCK = SubstrateOptionsParser.commandArgument(SubstrateOptions.UnlockExperimentalVMOptions, "+");
    static final String LOCK = SubstrateOptionsParser.commandArgument(SubstrateOptions.UnlockExperimentalVMOptions, "-");

    /** The launcher's MetaInfFileType: each file it looks for under META-INF/native-image, with the option it becomes. */
    static final List<Map.Entry<String, String>> META_INF_FILES = List.of(
                    Map.entry("native-image.properties", ""),
                    Map.entry(ConfigurationFile.REACHABILITY_METADATA.getFileName(), ConfigurationFiles.Options.ReachabilityMetadataResources.getName()),
                    Map.entry(ConfigurationFile.JNI.getFileName(), ConfigurationFiles.Options.JNIConfigurationResources.getName()),
                    Map.entry(ConfigurationFile.REFLECTION.getFileName(), ConfigurationFiles.Options.ReflectionConfigurationResources.getName()),
                    Map.entry(ConfigurationFile.RESOURCES.getFileName(), ConfigurationFiles.Options.ResourceConfigurationResources.getName()),
                    Map.entry(ConfigurationFile.DYNAMIC_PROXY.getFileName(), ConfigurationFiles.Options.DynamicProxyConfigurationResources.getName()),
                    Map.entry(ConfigurationFile.SERIALIZATION.getFileName(), ConfigurationFiles.Options.SerializationConfigurationResources.getName()),
                    Map.entry(ConfigurationFile.SERIALIZATION_DENY.getFileName(), ConfigurationFiles.Options.SerializationDenyConfigurationResources.getName()),
                    Map.entry(ConfigurationFile.PREDEFINED_CLASSES_NAME.getFileName(), ConfigurationFiles.Options.PredefinedClassesConfigurationResources.getName()));

    record ApiOption(String[] variants, char[] separators, String builderOption, String defaultValue, boolean defaultFinal,
                    String deprecation, List<Function<Object, Object>> transformers, APIOptionGroup group) {
    }

    record HostedOption(boolean stable, boolean isBoolean) {
    }

    record Exclusion(Pattern jar, Pattern resource) {
    }

    /** One source of driver arguments: the command line ("user") or a native-image.properties file. */
    static final class Queue {
        final Deque<String> args = new ArrayDeque<>();
        final String origin;
        int unlocksSeenAtStart = -1;

        Queue(String origin) {
            this.origin = origin;
        }
    }

    static final class DriverError extends RuntimeException {
        DriverError(String message) {
            super(message);
        }
    }

    final Path home;
    final Path workDir = Path.of(".").toAbsolutePath().normalize();
    final String mandrelVersion;
    final Map<String, ApiOption> api = new TreeMap<>();
    final Map<String, HostedOption> hostedOptions = new HashMap<>();
    final Map<String, BundleMember.Role> pathOptions = new HashMap<>();
    final Map<String, String> pathOptionDelimiters = new HashMap<>();

    final List<String> builderArgs = new ArrayList<>();
    final Set<String> leftovers = Collections.newSetFromMap(new IdentityHashMap<>());
    final List<String> builderJavaArgs = new ArrayList<>();
    final List<String> customJavaArgs = new ArrayList<>();
    final LinkedHashSet<Path> imageClasspath = new LinkedHashSet<>();
    final List<Exclusion> exclusions = new ArrayList<>();
    final Set<String> experimentalWithoutUnlock = new TreeSet<>();
    int activeUnlocks;
    boolean jarMode;

    /** Counts for the summary line: what was translated from where. */
    int apiTranslations;
    int propertiesFiles;
    int configFiles;
    int excludedFiles;

    NativeImageDriver(Path home, String mandrelVersion) {
        this.home = home;
        this.mandrelVersion = mandrelVersion;
        readOptionMetadata();
    }

    public static void main(String[] argv) throws IOException {
        if (argv.length < 5) {
            System.err.println("usage: NativeImageDriver <graalvm-home> <mandrel-version> <out-dir> <keep-alive-pid> <native-image.args> [driver args...]");
            System.exit(2);
        }
        Path home = Path.of(argv[0]).toAbsolutePath();
        Path out = Path.of(argv[2]).toAbsolutePath();
        List<String> driverArgs = new ArrayList<>();
        // Quarkus writes native-image.args as one line meant for `native-image $(cat native-image.args)`:
        // split it the way the shell does there, on whitespace, with no quote processing.
        for (String word : Files.readString(Path.of(argv[4])).trim().split("\\s+")) {
            driverArgs.add(word);
        }
        driverArgs.addAll(Arrays.asList(argv).subList(5, argv.length));
        try {
            NativeImageDriver driver = new NativeImageDriver(home, argv[1]);
            driver.build(driverArgs, out, Long.parseLong(argv[3]));
        } catch (DriverError e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(1);
        }
    }

    // ---- The option table, from the builder jars --------------------------------------------------

    /** The launcher's APIOptionHandler.extractOptions: every @APIOption of every hosted and runtime option. */
    void readOptionMetadata() {
        EconomicMap<String, OptionDescriptor> hosted = EconomicMap.create();
        EconomicMap<String, OptionDescriptor> runtime = EconomicMap.create();
        HostedOptionParser.collectOptions(OptionsContainer.getDiscoverableOptions(NativeImageDriver.class.getClassLoader()), hosted, runtime);
        Map<Class<?>, APIOptionGroup> groups = new HashMap<>();
        for (OptionDescriptor d : hosted.getValues()) {
            readApiOptions(H, d, groups);
            if (d.getOptionKey().getDefaultValue() instanceof MultiOptionValue<?> multi && Path.class.isAssignableFrom(multi.getValueType())) {
                BundleMember.Role role = BundleMember.Role.Ignore;
                for (BundleMember member : OptionUtils.getAnnotationsByType(d, BundleMember.class)) {
                    role = member.role();
                }
                pathOptions.put(H + d.getName(), role);
                pathOptionDelimiters.put(H + d.getName(), multi.getDelimiter());
            }
        }
        for (OptionDescriptor d : runtime.getValues()) {
            readApiOptions(R, d, groups);
        }
    }

    void readApiOptions(String prefix, OptionDescriptor d, Map<Class<?>, APIOptionGroup> groups) {
        boolean isBoolean = d.getOptionValueType().equals(Boolean.class);
        for (APIOption a : OptionUtils.getAnnotationsByType(d, APIOption.class)) {
            String name = APIOption.Utils.optionName(a.name()[0]);
            APIOptionGroup group = null;
            String defaultValue = null;
            String builderOption = prefix;
            if (isBoolean) {
                if (!a.group().equals(APIOption.NullGroup.class)) {
                    group = groups.computeIfAbsent(a.group(), NativeImageDriver::instantiate);
                    name = APIOption.Utils.groupName(group) + a.name()[0];
                    if ((Boolean) d.getOptionKey().getDefaultValue()) {
                        defaultValue = a.name()[0];
                    }
                }
                builderOption += (a.kind() == APIOption.APIOptionKind.Negated ? "-" : "+") + d.getName();
            } else {
                if (a.defaultValue().length > 0) {
                    defaultValue = a.defaultValue()[0];
                }
                if (a.fixedValue().length > 0) {
                    defaultValue = a.fixedValue()[0];
                }
                builderOption += d.getName() + "=";
            }
            List<Function<Object, Object>> transformers = new ArrayList<>();
            for (Class<? extends Function<Object, Object>> t : a.valueTransformer()) {
                transformers.add(instantiate(t));
            }
            api.put(name, new ApiOption(a.name(), a.valueSeparator(), builderOption, defaultValue, isBoolean || a.fixedValue().length > 0,
                            a.deprecated(), transformers, group));
        }
        hostedOptions.put(d.getName(), new HostedOption(d.getStability() == OptionStability.STABLE, isBoolean));
    }

    @SuppressWarnings("unchecked")
    static <T> T instantiate(Class<?> c) {
        try {
            // Transformers and groups may sit in packages the builder does not export; the launcher,
            // a module of GraalVM's own, is allowed to reach them, and so is this stand-in.
            ModuleSupport.accessModuleByClass(ModuleSupport.Access.OPEN, NativeImageDriver.class, c);
            var constructor = c.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (T) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + c.getName(), e);
        }
    }

    // ---- Arguments --------------------------------------------------------------------------------

    /** The launcher's NativeImageArgsProcessor.apply: launcher-only options first, then each handler in turn. */
    void apply(Queue source, boolean strict) {
        Queue queue = new Queue(source.origin);
        while (!source.args.isEmpty()) {
            if (!consumeCommandLineOption(source)) {
                queue.args.add(source.args.poll());
            }
        }
        ensureConsistentUnlockScopes(queue);
        while (!queue.args.isEmpty()) {
            String head = queue.args.peek();
            if (head.startsWith("--macro:") || head.startsWith("--language:") || head.startsWith("--tool:")) {
                throw unsupported(head, queue.origin);
            }
            if (consumeApiOption(queue) || consumeDefaultOption(queue)) {
                continue;
            }
            if (strict) {
                throw new DriverError("Property 'Args' contains invalid entry '" + head + "'");
            }
            String leftover = new String(queue.args.poll());
            leftovers.add(leftover);
            builderArgs.add(leftover);
        }
    }

    /** The launcher's CmdLineOptionHandler: options that only the command line may give. */
    boolean consumeCommandLineOption(Queue q) {
        String head = q.args.peek();
        boolean commandLine = OptionOrigin.from(q.origin).commandLineLike();
        if (head.equals("--exclude-config")) {
            if (!commandLine) {
                throw new DriverError("Using '" + head + "' provided by " + OptionOrigin.from(q.origin) + " is only allowed on command line.");
            }
            q.args.poll();
            String jar = q.args.poll();
            String resource = q.args.poll();
            if (jar == null || resource == null) {
                throw new DriverError(head + " requires two arguments: a jar regular expression and a resource regular expression");
            }
            exclusions.add(new Exclusion(Pattern.compile(jar), Pattern.compile(resource)));
            return true;
        }
        if (Set.of("--help", "--version", "--help-extra", "--configurations-path", "--verbose", "--dry-run", "--expert-options",
                        "--expert-options-all", "--expert-options-detail", "--verbose-server").contains(head)
                        || head.startsWith("--bundle") || head.startsWith("--debug-attach") || head.startsWith("--server-")) {
            throw unsupported(head, q.origin);
        }
        return false;
    }

    /** The launcher's APIOptionHandler.consume. */
    boolean consumeApiOption(Queue q) {
        String head = q.args.peek();
        String translated = translateApiOption(q);
        if (translated != null) {
            q.args.poll();
            addBuilderArg(translated, q.origin + OptionOrigin.isAPISuffix);
            apiTranslations++;
            return true;
        }
        if (UNLOCK.equals(head)) {
            if (q.unlocksSeenAtStart < 0) {
                q.unlocksSeenAtStart = activeUnlocks;
            }
            activeUnlocks++;
        } else if (LOCK.equals(head)) {
            if (activeUnlocks <= 0 || activeUnlocks <= q.unlocksSeenAtStart) {
                throw new DriverError("Unlocking of experimental options in inconsistent state: trying to lock more scopes than exist or allowed.");
            }
            activeUnlocks--;
        } else if (!OptionOrigin.isAPI(q.origin) && head.startsWith(H)) {
            validateHostedOption(head, q.origin);
        }
        for (ApiOption option : api.values()) {
            if (option.group() != null && head.startsWith(APIOption.Utils.groupName(option.group()))) {
                throw new DriverError("In " + q.origin + " '" + head + "' is not a valid value for the option " + APIOption.Utils.optionName(option.group().name()));
            }
        }
        return false;
    }

    /** The launcher's APIOptionHandler.translateOption: a {@code --option} becomes the builder option it annotates. */
    String translateApiOption(Queue q) {
        String head = q.args.peek();
        for (ApiOption option : api.values()) {
            for (String variant : option.variants()) {
                String name;
                if (option.group() == null) {
                    name = APIOption.Utils.optionName(variant);
                } else if (option.group().multiValueOption() != null) {
                    if (!head.startsWith(APIOption.Utils.groupName(option.group()))) {
                        continue;
                    }
                    return head.replace(APIOption.Utils.optionName(option.group().name()), H + option.group().multiValueOption().getName());
                } else {
                    name = APIOption.Utils.groupName(option.group()) + variant;
                }
                String value = null;
                boolean matched = false;
                if ((option.defaultFinal() || option.defaultValue() != null) && head.equals(name)) {
                    matched = true;
                } else {
                    for (char separator : option.separators()) {
                        if (separator == APIOption.WHITESPACE_SEPARATOR && head.equals(name)) {
                            q.args.poll();
                            value = q.args.peek();
                            if (value == null) {
                                throw new DriverError(head + " from " + OptionOrigin.from(q.origin) + " requires option argument");
                            }
                            matched = true;
                            break;
                        }
                        String withSeparator = name + APIOption.Utils.valueSeparatorToString(separator);
                        if (head.startsWith(withSeparator)) {
                            value = head.substring(withSeparator.length());
                            matched = true;
                            break;
                        }
                    }
                }
                if (!matched) {
                    continue;
                }
                if (!option.deprecation().isEmpty()) {
                    System.err.println("Warning: Using a deprecated option " + name + " from " + OptionOrigin.from(q.origin) + ". " + option.deprecation());
                }
                if (value != null && option.defaultFinal()) {
                    throw new DriverError("Passing values to option " + name + " from " + OptionOrigin.from(q.origin) + " is not supported.");
                }
                Object effective = value != null ? value : (option.group() != null ? null : option.defaultValue());
                String result = option.builderOption();
                if (effective != null) {
                    for (Function<Object, Object> transformer : option.transformers()) {
                        effective = transformer.apply(effective);
                    }
                    result += effective.toString();
                }
                return result;
            }
        }
        return null;
    }

    /** The launcher's check of a plain -H: option: it must exist, with the right kind, and be unlocked if experimental. */
    void validateHostedOption(String arg, String origin) {
        String name = arg.substring(H.length()).split("=", 2)[0].split("@", 2)[0];
        char prefix = 0;
        if (!name.isEmpty() && (name.charAt(0) == '+' || name.charAt(0) == '-')) {
            prefix = name.charAt(0);
            name = name.substring(1);
        }
        HostedOption info = hostedOptions.get(name);
        if (info == null) {
            throw new DriverError("Unrecognized option '" + arg + "' from " + OptionOrigin.from(origin) + ".");
        }
        if ((prefix != 0) != info.isBoolean()) {
            throw new DriverError("Option '" + arg + "' from " + OptionOrigin.from(origin) + (info.isBoolean() ? " is a boolean option: use -H:+/-" : " is not a boolean option: use -H:") + name);
        }
        if (activeUnlocks == 0 && !info.stable()) {
            experimentalWithoutUnlock.add(arg);
        }
    }

    /** The launcher's DefaultOptionHandler: class path, -jar, -H:/-R:, -D and -J. */
    boolean consumeDefaultOption(Queue q) {
        String head = q.args.peek();
        switch (head) {
            case "-cp", "-classpath", "--class-path" -> {
                q.args.poll();
                String cp = q.args.poll();
                if (cp == null) {
                    throw new DriverError(head + " requires class path specification");
                }
                addClasspath(cp);
                return true;
            }
            case "-jar" -> {
                q.args.poll();
                String jar = q.args.poll();
                if (jar == null) {
                    throw new DriverError("-jar requires a valid jarfile");
                }
                addJar(canonicalize(Path.of(jar)));
                jarMode = true;
                return true;
            }
            case "--enable-preview" -> {
                q.args.poll();
                customJavaArgs.add(head);
                return true;
            }
            case "-p", "--module-path", "-m", "--module", "--add-modules", "--limit-modules", "--diagnostics-mode", "--no-server" -> {
                throw unsupported(head, q.origin);
            }
            default -> {
            }
        }
        if (head.startsWith("--class-path=")) {
            addClasspath(q.args.poll().substring("--class-path=".length()));
            return true;
        }
        if (head.startsWith(H)) {
            q.args.poll();
            addBuilderArg(head, q.origin);
            return true;
        }
        if (head.startsWith(R)) {
            builderArgs.add(q.args.poll());
            return true;
        }
        if (head.startsWith("-D")) {
            customJavaArgs.add(q.args.poll());
            return true;
        }
        if (head.startsWith("-J")) {
            q.args.poll();
            if (head.equals("-J")) {
                throw new DriverError("The -J option should not be followed by a space");
            }
            customJavaArgs.add(head.substring(2));
            return true;
        }
        if (head.startsWith("-V") || head.startsWith("-E") || head.startsWith("--add-modules=") || head.startsWith("--limit-modules=")
                        || head.startsWith(H + "LayerCreate")) {
            throw unsupported(head, q.origin);
        }
        return false;
    }

    static DriverError unsupported(String arg, String origin) {
        return new DriverError("scripts/native/native-image does not implement the launcher option '" + arg + "' (from " + OptionOrigin.from(origin)
                        + "); implement it in scripts/native/NativeImageDriver.java as GraalVM's launcher does, or the build would differ from the real one");
    }

    /** The launcher's injectHostedOptionOrigin: -H:Name@origin=value, so the builder knows who asked (link-at-build-time depends on it). */
    void addBuilderArg(String arg, String origin) {
        if (origin != null && arg.startsWith(H)) {
            int eq = arg.indexOf('=');
            char first = arg.length() > H.length() ? arg.charAt(H.length()) : 0;
            if (first == '+' || first == '-') {
                if (eq != -1) {
                    throw new DriverError("Malformed boolean native-image hosted-option '" + arg + "' (boolean option with extraneous '=') from " + OptionOrigin.from(origin) + ".");
                }
                arg = arg + "@" + origin;
            } else {
                if (eq == -1) {
                    throw new DriverError("Malformed native-image hosted-option '" + arg + "' ('=' missing after option name) from " + OptionOrigin.from(origin) + ".");
                }
                arg = arg.substring(0, eq) + "@" + origin + arg.substring(eq);
            }
        }
        builderArgs.add(arg);
    }

    /** Like addBuilderArg, but keeps a value the arguments already set (the launcher's override=false). */
    void addBuilderArgUnlessSet(String option, String value, String origin) {
        if (lastValue(option) == null) {
            addBuilderArg(option + value, origin);
        }
    }

    /** The launcher's ensureConsistentUnlockScopes: each source closes the unlock scopes it opens. */
    static void ensureConsistentUnlockScopes(Queue q) {
        boolean unlocked = false;
        for (String arg : q.args) {
            if (UNLOCK.equals(arg)) {
                unlocked = true;
            } else if (LOCK.equals(arg)) {
                if (!unlocked) {
                    throw new DriverError("'" + LOCK + "' was used but experimental options are not unlocked via '" + UNLOCK + "'.");
                }
                unlocked = false;
            }
        }
        if (unlocked) {
            q.args.add(LOCK);
        }
    }

    // ---- Class path and META-INF/native-image -------------------------------------------------------

    Path canonicalize(Path path) {
        Path absolute = path.isAbsolute() ? path : workDir.resolve(path);
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            throw new DriverError("Invalid Path entry " + path);
        }
    }

    void addClasspath(String cp) {
        for (String entry : cp.split(java.io.File.pathSeparator, Integer.MAX_VALUE)) {
            addClasspathEntry(canonicalize(Path.of(entry.isEmpty() ? "." : entry)));
        }
    }

    /** The launcher's handleJarFileArg: image name and main class from the jar, then the jar onto the class path. */
    void addJar(Path jar) {
        String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        if (!base.isEmpty()) {
            addBuilderArgUnlessSet(H + SubstrateOptions.Name.getName() + "=", base, "manifest from " + jar.toUri());
        }
        Attributes main = mainAttributes(jar);
        if (main == null) {
            throw new DriverError("No manifest in " + jar);
        }
        String mainClass = main.getValue("Main-Class");
        if (mainClass == null) {
            throw new DriverError("No main manifest attribute, in " + jar);
        }
        addBuilderArg(H + SubstrateOptions.Class.getName() + "=" + mainClass, "manifest from " + jar.toUri());
        for (var attribute : Map.of("Add-Opens", NativeImageClassLoaderOptions.AddOpens, "Add-Exports", NativeImageClassLoaderOptions.AddExports).entrySet()) {
            String modules = main.getValue(attribute.getKey());
            if (modules != null) {
                for (String module : modules.split(" ")) {
                    builderArgs.add(H + attribute.getValue().getName() + "=" + module + "=" + ALL_UNNAMED);
                }
            }
        }
        String nativeAccess = main.getValue("Enable-Native-Access");
        if (nativeAccess != null) {
            if (!ALL_UNNAMED.equals(nativeAccess)) {
                throw new DriverError("illegal value \"" + nativeAccess + "\" for Enable-Native-Access manifest attribute. Only " + ALL_UNNAMED + " is allowed");
            }
            builderJavaArgs.add("--enable-native-access=" + ALL_UNNAMED);
        }
        addClasspathEntry(jar);
    }

    static Attributes mainAttributes(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() == null ? null : file.getManifest().getMainAttributes();
        } catch (IOException e) {
            throw new DriverError("Invalid or corrupt jarfile " + jar);
        }
    }

    /** The launcher's addImageClasspathEntry: the entry, then its manifest Class-Path, then its META-INF/native-image. */
    void addClasspathEntry(Path entry) {
        if (!imageClasspath.add(entry)) {
            return;
        }
        if (entry.toString().endsWith(".jar") && Files.isRegularFile(entry)) {
            Attributes main = mainAttributes(entry);
            String classPath = main == null ? null : main.getValue("Class-Path");
            if (classPath != null) {
                for (String cp : classPath.split(" +")) {
                    Path p = Path.of(cp);
                    p = (p.isAbsolute() ? p : entry.getParent().resolve(p)).normalize();
                    // Like `java`, the launcher accepts Class-Path entries that do not exist.
                    addClasspathEntry(Files.exists(p) ? canonicalize(p) : p);
                }
            }
        }
        walkMetaInf(entry);
    }

    /** The launcher's NativeImageMetaInfWalker with its DriverMetaInfProcessor. */
    void walkMetaInf(Path entry) {
        if (Files.isDirectory(entry)) {
            walkMetaInf(entry, entry.resolve("META-INF/native-image"));
        } else if (entry.toString().endsWith(".jar") && Files.isRegularFile(entry)) {
            try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + entry.toUri()), Map.of())) {
                walkMetaInf(entry, jar.getPath("/META-INF/native-image"));
            } catch (IOException e) {
                throw new DriverError("Invalid classpath entry " + entry);
            }
        }
    }

    void walkMetaInf(Path entry, Path base) {
        if (!Files.isDirectory(base)) {
            return;
        }
        Path root = base.getParent().getParent();
        for (var type : META_INF_FILES) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(base)) {
                files = walk.filter(p -> p.endsWith(type.getKey())).toList();
            } catch (IOException e) {
                throw new DriverError("Processing " + base.toUri() + " failed.");
            }
            for (Path file : files) {
                if (exclusions.stream().anyMatch(x -> x.jar().matcher(entry.toString()).find() && x.resource().matcher(file.toString()).find())) {
                    excludedFiles++;
                    continue;
                }
                processMetaInfFile(root, file, type.getValue());
            }
        }
    }

    void processMetaInfFile(Path root, Path file, String optionName) {
        boolean properties = optionName.isEmpty();
        // Options lowered from configuration files count as API (stable) options; native-image.properties ones do not.
        Queue args = new Queue(file.toUri() + (properties ? "" : OptionOrigin.isAPISuffix));
        Path component = root.relativize(file).getParent();
        Function<String, String> resolve = value -> value.replace("${.}", component.toString()).replace("${java.home}", home.toString());
        if (properties) {
            propertiesFiles++;
            Properties p = new Properties();
            try (var in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new DriverError("Processing " + file.toUri() + " failed");
            }
            for (String unsupported : List.of("ForceOnModulePath", "ProvidedHostedOptions")) {
                if (p.getProperty(unsupported) != null) {
                    throw unsupported(unsupported + " in native-image.properties", file.toUri().toString());
                }
            }
            if (p.getProperty("ImageName") != null) {
                addBuilderArg(H + SubstrateOptions.Name.getName() + "=" + resolve.apply(p.getProperty("ImageName")), file.toUri().toString());
            }
            if (p.getProperty("JavaArgs") != null) {
                for (String arg : p.getProperty("JavaArgs").split("\\s+")) {
                    builderJavaArgs.add(resolve.apply(arg));
                }
            }
            if (p.getProperty("Args") != null) {
                for (String arg : p.getProperty("Args").split("\\s+")) {
                    args.args.add(resolve.apply(arg));
                }
            }
        } else {
            configFiles++;
            args.args.add(H + optionName + "=" + root.relativize(file));
        }
        apply(args, true);
    }

    // ---- The builder's command line -----------------------------------------------------------------

    /** The launcher's getHostedOptionArgument: the last -H:Option=value, whatever its origin. */
    String lastValue(String optionPrefix) {
        int i = lastIndex(optionPrefix);
        return i < 0 ? null : builderArgs.get(i).substring(builderArgs.get(i).indexOf('=') + 1);
    }

    int lastIndex(String optionPrefix) {
        Pattern p = Pattern.compile("^" + Pattern.quote(optionPrefix.substring(0, optionPrefix.length() - 1)) + "(@[^=]*)?=");
        int last = -1;
        for (int i = 0; i < builderArgs.size(); i++) {
            if (p.matcher(builderArgs.get(i)).find()) {
                last = i;
            }
        }
        return last;
    }

    static List<Path> jars(Path dir, String... baseNames) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> names = List.of(baseNames);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar"))
                            .filter(p -> names.isEmpty() || names.contains(p.getFileName().toString().replaceFirst("\\.jar$", "")))
                            .sorted().toList();
        }
    }

    void build(List<String> driverArgs, Path out, long keepAlivePid) throws IOException {
        String nameOption = H + SubstrateOptions.Name.getName() + "=";
        String classOption = H + SubstrateOptions.Class.getName() + "=";

        // The launcher's constructor and prepareImageBuildArgs. The image goes to the working directory.
        addBuilderArg(H + SubstrateOptions.ConcealedOptions.Path.getName() + "=" + workDir, OptionOrigin.originDriver);
        // The analysis and the compiler recurse deeply.
        builderJavaArgs.add("-Xss10m");
        // The launcher's MemoryUtil: a throughput collector that gives up memory (10% of the time for GC)
        // and fails fast when out of memory. For the heap size the launcher takes a share of the machine's
        // memory; the script passes -J-Xmx as a user would, which comes last and so wins in both.
        builderJavaArgs.addAll(List.of("-XX:+UseParallelGC", "-XX:GCTimeRatio=9", "-XX:+ExitOnOutOfMemoryError"));
        // AWT classes initialised at build time must not reach for a display.
        builderJavaArgs.add("-Djava.awt.headless=true");
        // What the Mandrel launcher says the GraalVM is: it lands in the image's VM properties, and Quarkus'
        // GraalVM.Version (initialised at build time) parses the vendor version.
        builderJavaArgs.add("-Dorg.graalvm.vendor=GraalVM Community");
        builderJavaArgs.add("-Dorg.graalvm.vendorurl=https://github.com/graalvm/mandrel/issues");
        builderJavaArgs.add("-Dorg.graalvm.vendorversion=Mandrel-" + mandrelVersion);
        builderJavaArgs.add("-Dorg.graalvm.version=" + mandrelVersion);
        // The builder runs as it would under GraalVM's own (AOT-compiled) launcher.
        builderJavaArgs.add("-Dcom.oracle.graalvm.isaot=true");
        // The builder loads the application in class loaders of its own, below this one.
        builderJavaArgs.add("-Djava.system.class.loader=" + NativeImageSystemClassLoader.class.getCanonicalName());
        // ImageInfo.inImageBuildtimeCode() is true in the builder: what libraries test to act at build time.
        builderJavaArgs.add("-D" + ImageInfo.PROPERTY_IMAGE_CODE_KEY + "=" + ImageInfo.PROPERTY_IMAGE_CODE_VALUE_BUILDTIME);
        // Class data sharing does not mix with a custom system class loader.
        builderJavaArgs.add("-Xshare:off");

        // The launcher's processNativeImageArgs and completeImageBuild.
        Queue user = new Queue(OptionOrigin.originUser);
        user.args.addAll(driverArgs);
        apply(user, false);
        if (!experimentalWithoutUnlock.isEmpty()) {
            for (String option : experimentalWithoutUnlock) {
                System.err.println("Warning: The option '" + option + "' is experimental and must be enabled via '" + UNLOCK + "' in the future.");
            }
        }

        Path jvmci = home.resolve("lib/jvmci");
        Path truffle = home.resolve("lib/truffle");
        List<Path> builderModulePath = new ArrayList<>();
        builderModulePath.addAll(jars(jvmci, "enterprise-graal"));
        builderModulePath.addAll(jars(jvmci, "word", "collections", "nativeimage", "nativeimage-libgraal"));
        builderModulePath.addAll(jars(truffle, "truffle-compiler"));
        builderModulePath.addAll(jars(home.resolve("lib/svm/builder")));
        builderModulePath.replaceAll(this::canonicalize);
        List<Path> upgradeModulePath = jars(jvmci, "graal", "graal-management").stream().map(this::canonicalize).toList();
        builderJavaArgs.addAll(List.of("--upgrade-module-path", upgradeModulePath.stream().map(Path::toString).collect(Collectors.joining(":"))));

        String clibraries = home.resolve("lib/svm/clibraries").toString();
        String platform = "linux-amd64";
        builderArgs.add(0, H + SubstrateOptions.CLibraryPath.getName() + "=" + String.join(",", clibraries + "/" + platform + "/glibc", clibraries + "/" + platform, clibraries));

        // Lambda classes spun at build time must not initialise themselves: the builder decides what is
        // initialised when (the second and third are older spellings the launcher still sets).
        builderJavaArgs.add("-Djdk.internal.lambda.disableEagerInitialization=true");
        builderJavaArgs.add("-Djdk.internal.lambda.eagerlyInitialize=false");
        builderJavaArgs.add("-Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false");
        // No profiling or speculation in method handles (records' equals/hashCode use them): useless ahead
        // of time, and it would keep them from being optimised for it.
        builderJavaArgs.add("-Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1");
        builderJavaArgs.add("-Djava.lang.invoke.MethodHandle.PROFILE_GWT=false");
        boolean afterOption = false;
        for (String arg : customJavaArgs) {
            if (arg.startsWith("-")) {
                afterOption = true;
            } else if (!afterOption) {
                throw new DriverError("Found invalid image builder Java VM argument: " + arg);
            } else {
                afterOption = false;
            }
        }
        builderJavaArgs.addAll(customJavaArgs);
        for (String trace : List.of("TraceClassInitialization", "TraceObjectInstantiation")) {
            if (lastValue(H + trace + "=") != null) {
                throw unsupported(H + trace, OptionOrigin.originUser);
            }
        }

        if (!jarMode) {
            throw new DriverError("scripts/native/native-image builds from -jar only, as Quarkus does");
        }
        List<String> extra = builderArgs.stream().filter(leftovers::contains).toList();
        if (!extra.isEmpty()) {
            // In -jar mode the first argument no option claimed is the image name, unless a -H:Name after it
            // (the jar's own, say) already names the image; any other such argument is an error.
            int nameIndex = lastIndex(nameOption);
            if (nameIndex < 0 || nameIndex < builderArgs.indexOf(extra.getFirst())) {
                addBuilderArg(nameOption + extra.getFirst(), "explicit image name");
            }
            if (extra.size() > 1) {
                throw new DriverError("Unrecognized option(s): " + extra.subList(1, extra.size()).stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ")));
            }
            builderArgs.removeIf(leftovers::contains);
        }
        String mainClass = lastValue(classOption);
        if (mainClass != null && !mainClass.isEmpty() && !Character.isJavaIdentifierStart(mainClass.charAt(0))) {
            throw new DriverError("'" + mainClass + "' is not a valid mainclass.");
        }
        // The launcher derives the build ID from its arguments, so that the same arguments give the same ID.
        builderArgs.add(H + SubstrateOptions.ImageBuildID.getName() + "@" + OptionOrigin.originDriver + "=" + SubstrateUtil.getUUIDFromString(driverArgs.toString()));

        // The launcher's image-provided jars (lib/svm/*.jar: library-support, which Maven Central does not ship).
        for (Path provided : jars(home.resolve("lib/svm"))) {
            addClasspathEntry(provided);
        }
        // The application is on the class path, so the JDK's default modules must be there for it.
        builderJavaArgs.add("--add-modules=ALL-DEFAULT");
        // The builder's own modules call native code (its C helper, for one).
        builderJavaArgs.add("--enable-native-access=" + String.join(",", moduleNames(builderModulePath)));
        // The launcher asks for colour and progress output only on a terminal; this one's output never is.

        List<String> jvm = new ArrayList<>(compilerFlags());
        jvm.addAll(builderJavaArgs);
        jvm.addAll(List.of("--module-path", builderModulePath.stream().map(Path::toString).collect(Collectors.joining(":"))));
        jvm.addAll(List.of("--module", NativeImageGeneratorRunner.class.getModule().getName() + "/" + NativeImageGeneratorRunner.class.getName()));
        // The builder stops if the process that started it goes away (the launcher, here the script).
        jvm.addAll(List.of(SubstrateOptions.KEEP_ALIVE_PREFIX, "/proc/" + keepAlivePid + "/comm"));

        List<String> image = new ArrayList<>();
        image.add(SubstrateOptions.IMAGE_CLASSPATH_PREFIX);
        image.add(imageClasspath.stream().map(Path::toString).collect(Collectors.joining(":")));
        for (String arg : builderArgs) {
            image.add(canonicalizePathOption(arg));
        }

        // The launcher's sanitizeJVMEnvironment: the builder sees only these of the caller's variables.
        Map<String, String> env = new LinkedHashMap<>();
        System.getenv().forEach((k, v) -> {
            if (Set.of("PATH", "PWD", "HOME", "LANG", "LANGUAGE").contains(k) || k.startsWith("LC_")) {
                env.put(k, v);
            }
        });
        env.put(ModuleSupport.ENV_VAR_USE_MODULE_SYSTEM, "true");
        Path driverTemp = Files.createDirectories(out.resolve("driver-tmp"));
        env.put(SharedConstants.DRIVER_TEMP_DIR_ENV_VARIABLE, driverTemp.toString());

        Files.createDirectories(out);
        Files.writeString(out.resolve("builder.jvm.args"), jvm.stream().map(NativeImageDriver::argFileQuote).collect(Collectors.joining("\n")) + "\n");
        Files.writeString(out.resolve("builder.image.args"), String.join("\0", image));
        Files.writeString(out.resolve("builder.env"), env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")) + "\n");
        List<String> all = new ArrayList<>();
        all.add(home.resolve("bin/java").toString());
        all.addAll(jvm);
        all.add(NativeImageGeneratorRunner.IMAGE_BUILDER_ARG_FILE_OPTION + out.resolve("builder.image.args"));
        all.addAll(image);
        Files.writeString(out.resolve("builder.command.txt"), String.join("\n", all) + "\n", StandardCharsets.UTF_8);

        System.out.printf("launcher: %d --options translated to -H: options, %d native-image.properties and %d configuration files applied"
                        + " (%d excluded by --exclude-config), %d class path entries%n",
                        apiTranslations, propertiesFiles, configFiles, excludedFiles, imageClasspath.size());
    }

    /** The launcher's transformBuilderArgument: path-valued options that a bundle would carry get absolute paths. */
    String canonicalizePathOption(String arg) {
        String[] nameValue = arg.split("=", 2);
        String name = nameValue[0].split("@", 2)[0];
        BundleMember.Role role = pathOptions.get(name);
        if (nameValue.length < 2 || role == null || role == BundleMember.Role.Ignore) {
            return arg;
        }
        String delimiter = pathOptionDelimiters.get(name);
        List<String> entries = delimiter.isEmpty() ? List.of(nameValue[1]) : List.of(SubstrateUtil.split(nameValue[1], delimiter));
        return nameValue[0] + "=" + entries.stream().filter(s -> !s.isEmpty()).map(s -> {
            Path p = Path.of(s);
            Path absolute = p.isAbsolute() ? p : workDir.resolve(p);
            try {
                return absolute.toRealPath().toString();
            } catch (IOException e) {
                // The launcher leaves a path it cannot canonicalise to the option's own handling (an output file, say).
                return s;
            }
        }).collect(Collectors.joining(delimiter));
    }

    static List<String> moduleNames(List<Path> modulePath) {
        return ModuleFinder.of(modulePath.toArray(Path[]::new)).findAll().stream()
                        .map(ModuleReference::descriptor).map(ModuleDescriptor::name).sorted().toList();
    }

    /**
     * The launcher's getBuilderJavaArgs: its graal-compiler-flags file. (It adds -XX:-UseJVMCICompiler only
     * where the JDK lists that flag without unlocking experimental options, which neither Mandrel's nor
     * Temurin's does, and -XX:+UseJVMCINativeLibrary only with libgraal, which neither has.)
     */
    List<String> compilerFlags() throws IOException {
        return Files.readAllLines(home.resolve("lib/svm/graal-compiler-flags.config"));
    }

    /** Quoting for a java @argfile, as the launcher's createVMInvocationArgumentFile does it. */
    static String argFileQuote(String arg) {
        String quoted = SubstrateUtil.quoteShellArg(arg);
        return quoted.startsWith("'") ? quoted.replace("\\", "\\\\") : quoted;
    }
}
