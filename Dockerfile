# The class server: `docker compose up` starts it beside PostgreSQL (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# Self-contained, compiled ahead of time with the framework as one composite image: a cold start about 40 % shorter
# than framework-dependent ReadyToRun (docs/benchmarks.md, "Cold start"); the base then needs only the runtime's
# native dependencies.
RUN dotnet publish src/Negotiation.Cli -c Release -r linux-x64 --self-contained true -o /app

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
WORKDIR /app
COPY --from=build /app .
COPY scenarios /app/scenarios
ENV NEGOTIATION_SESSIONS=/data/sessions
VOLUME /data
EXPOSE 5080
# 0.0.0.0 inside the container; the compose file publishes the port on the host's loopback unless told otherwise.
ENTRYPOINT ["./negotiate", "serve", "--host", "0.0.0.0", "--port", "5080", "--scenarios", "/app/scenarios"]
