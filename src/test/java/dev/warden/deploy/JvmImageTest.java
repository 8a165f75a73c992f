package dev.warden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * What the JVM image needs for its AOT cache to be used at all, none of which a build without Docker would notice:
 * the JVM refuses a cache written by another JVM build, and Quarkus finds its files through the absolute paths the
 * cache recorded, so the runtime stage must run the very JDK image and path the build stage trained with. The
 * memory defaults must be the same wherever they are documented.
 */
class JvmImageTest {

    private static final Pattern JAVA_OPTS = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"");

    @Test
    void trainsAndRunsOnOnePinnedJdkImage() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher pinned = Pattern.compile("(?m)^ARG JDK_IMAGE=eclipse-temurin:(\\S+)-jdk$").matcher(dockerfile);
        assertThat(pinned.find()).as("ARG JDK_IMAGE pinned to a Temurin JDK release").isTrue();
        assertThat(pinned.group(1)).as("a full release, not a moving tag").matches("25\\.\\d+\\.\\d+_\\d+");
        List<String> froms = lines(dockerfile, "FROM ");
        assertThat(froms).containsExactly("FROM ${JDK_IMAGE} AS build", "FROM ${JDK_IMAGE}");
    }

    @Test
    void runsTheAppWhereItWasTrained() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        List<String> workdirs = lines(dockerfile, "WORKDIR ");
        assertThat(workdirs).hasSize(2);
        String project = workdirs.get(0).substring("WORKDIR ".length());
        String trained = project + "/target/quarkus-app";
        assertThat(workdirs.get(1)).isEqualTo("WORKDIR " + trained);
        assertThat(dockerfile).contains("COPY --from=build --chown=1000:0 " + trained + "/ " + trained + "/");
        assertThat(dockerfile).contains("-XX:AOTMode=on -XX:AOTCache=app.aot -XX:+PrintSharedArchiveAndExit");
        assertThat(dockerfile).contains("exec java -XX:AOTCache=app.aot $JAVA_OPTS $JAVA_OPTS_APPEND -jar quarkus-run.jar");
    }

    @Test
    void trainsWithTheSmokeTestAgainstThePackagedJar() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String script = Files.readString(Path.of("scripts/aot-build.sh"));
        for (String build : List.of(dockerfile, script)) {
            assertThat(build).contains("verify -Dprod -Dquarkus.package.jar.aot.enabled=true")
                    .contains("-Dit.test=SmokeIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.antrun.skip");
        }
        assertThat(Path.of("src/test/java/dev/warden/it/SmokeIT.java")).exists();
    }

    @Test
    void documentsTheSameMemoryDefaultsEverywhere() throws IOException {
        Matcher env = JAVA_OPTS.matcher(Files.readString(Path.of("Dockerfile")));
        assertThat(env.find()).isTrue();
        String defaults = env.group(1).replace(" -Djava.util.logging.manager=org.jboss.logmanager.LogManager", "");
        assertThat(defaults).isEqualTo("-XX:+UseSerialGC -XX:MaxRAMPercentage=60 -Xms64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20");
        assertThat(Files.readString(Path.of("docs/deploying.md")))
                .contains("java " + defaults + " -jar target/quarkus-app/quarkus-run.jar");
        assertThat(Files.readString(Path.of("docs/aot.md")))
                .contains("java -XX:AOTCache=app.aot " + defaults + " -jar quarkus-run.jar");
        assertThat(Files.readString(Path.of("bench/startup-aot.sh"))).contains("MEMORY_OPTS:-" + defaults + "}");
        assertThat(Files.readString(Path.of("Dockerfile.native")))
                .contains("ENTRYPOINT [\"/work/application\", \"-XX:MaximumHeapSizePercent=60\", \"-Xmn16m\"]");
    }

    private static List<String> lines(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).toList();
    }
}
