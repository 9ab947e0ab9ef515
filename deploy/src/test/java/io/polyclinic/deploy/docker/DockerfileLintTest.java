package io.polyclinic.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyclinic.deploy.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Every Dockerfile in the repository passes {@link DockerfileLint}, and the lint catches what it claims to. */
class DockerfileLintTest {

    private static final String GOOD = """
            ARG JRE=eclipse-temurin:21.0.9_10-jre-noble
            FROM eclipse-temurin:21.0.9_10-jdk-noble AS layers
            RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted
            FROM ${JRE}
            COPY --from=layers /x/extracted/dependencies/ ./
            COPY --from=layers /x/extracted/spring-boot-loader/ ./
            COPY --from=layers /x/extracted/snapshot-dependencies/ ./
            COPY --from=layers /x/extracted/application/ ./
            USER 10001:10001
            HEALTHCHECK --interval=10s \\
                CMD ["bash", "-c", "GET /actuator/health/readiness"]
            ENTRYPOINT ["java", "-jar", "/app/service.jar"]
            """;

    @Test
    void everyDockerfileInTheRepositoryPassesTheLint() throws IOException {
        var dockerfiles =
                RepositoryFiles.find(path -> path.getFileName().toString().equals("Dockerfile"));
        assertThat(dockerfiles).as("Dockerfiles in the repository").isNotEmpty();
        for (var dockerfile : dockerfiles) {
            assertThat(DockerfileLint.check(Files.readString(dockerfile)))
                    .as(dockerfile.toString())
                    .isEmpty();
        }
    }

    @Test
    void aDockerfileWithEveryRuleKeptPasses() {
        assertThat(DockerfileLint.check(GOOD)).isEmpty();
    }

    @Test
    void aFloatingOrMissingTagIsReported() {
        assertThat(DockerfileLint.check(GOOD.replace("21.0.9_10-jre-noble", "21-jre")))
                .anySatisfy(problem -> assertThat(problem).contains("eclipse-temurin:21-jre is not pinned"));
        assertThat(DockerfileLint.check(GOOD.replace("eclipse-temurin:21.0.9_10-jdk-noble", "maven")))
                .anySatisfy(problem -> assertThat(problem).contains("maven is not pinned"));
        assertThat(DockerfileLint.check(GOOD.replace("21.0.9_10-jre-noble", "latest")))
                .anySatisfy(problem -> assertThat(problem).contains("not pinned"));
    }

    @Test
    void aDigestPinsAnImage() {
        var digest = "eclipse-temurin@sha256:" + "a".repeat(64);
        assertThat(DockerfileLint.check(GOOD.replace("eclipse-temurin:21.0.9_10-jre-noble", digest)))
                .isEmpty();
    }

    @Test
    void runningAsRootOrWithoutAUserIsReported() {
        assertThat(DockerfileLint.check(GOOD.replace("USER 10001:10001", "USER root")))
                .anySatisfy(problem -> assertThat(problem).contains("runs as root"));
        assertThat(DockerfileLint.check(GOOD.replace("USER 10001:10001", "USER 0")))
                .anySatisfy(problem -> assertThat(problem).contains("runs as root"));
        assertThat(DockerfileLint.check(GOOD.replace("USER 10001:10001", "")))
                .anySatisfy(problem -> assertThat(problem).contains("sets no USER"));
    }

    @Test
    void aUserSetOnlyInAnEarlierStageDoesNotCount() {
        var text = GOOD.replace("USER 10001:10001\n", "").replace("RUN java", "USER 10001\nRUN java");
        assertThat(DockerfileLint.check(text))
                .anySatisfy(problem -> assertThat(problem).contains("sets no USER"));
    }

    @Test
    void aMissingHealthCheckIsReported() {
        var text = GOOD.replaceAll("(?s)HEALTHCHECK.*?readiness\"]\n", "");
        assertThat(DockerfileLint.check(text))
                .anySatisfy(problem -> assertThat(problem).contains("HEALTHCHECK"));
        assertThat(DockerfileLint.check(text + "HEALTHCHECK NONE\n"))
                .anySatisfy(problem -> assertThat(problem).contains("HEALTHCHECK"));
    }

    @Test
    void secretsInTheImageAreReported() {
        assertThat(DockerfileLint.check(GOOD + "ENV SPRING_DATASOURCE_PASSWORD=postgres\n"))
                .anySatisfy(problem -> assertThat(problem).contains("SPRING_DATASOURCE_PASSWORD looks like a secret"));
        assertThat(DockerfileLint.check(GOOD + "ENV A=1 POLYCLINIC_AUDIT_CHAIN_KEY_SECRET=x\n"))
                .anySatisfy(problem -> assertThat(problem).contains("POLYCLINIC_AUDIT_CHAIN_KEY_SECRET"));
        assertThat(DockerfileLint.check(GOOD + "ARG GITHUB_TOKEN\n"))
                .anySatisfy(problem -> assertThat(problem).contains("GITHUB_TOKEN"));
        assertThat(DockerfileLint.check(GOOD + "COPY deploy/compose/.env /app/.env\n"))
                .anySatisfy(problem -> assertThat(problem).contains("secret file"));
        assertThat(DockerfileLint.check(GOOD + "COPY keys/signing.pem /app/\n"))
                .anySatisfy(problem -> assertThat(problem).contains("secret file"));
    }

    @Test
    void oneFatJarInsteadOfTheLayersIsReported() {
        var text = GOOD.replaceAll("COPY --from=layers /x/extracted/[a-z-]+/ \\./\n", "")
                .replace("USER", "COPY --from=layers /x/app.jar /app/app.jar\nUSER");
        assertThat(DockerfileLint.check(text))
                .anySatisfy(problem -> assertThat(problem).contains("Spring Boot layers"));
        var applicationFirst = GOOD.replace("COPY --from=layers /x/extracted/application/ ./\n", "")
                .replace(
                        "COPY --from=layers /x/extracted/dependencies/ ./\n",
                        "COPY --from=layers /x/extracted/application/ ./\nCOPY --from=layers /x/extracted/dependencies/ ./\n");
        assertThat(DockerfileLint.check(applicationFirst))
                .anySatisfy(problem -> assertThat(problem).contains("Spring Boot layers"));
    }
}
