# loadtwin in a container: built on Debian 12 with the project's own scripts, installed into
# a slim Debian 12 image from its .deb, so the image also proves the package's Depends.
#
#   docker build -t loadtwin --build-arg LOADTWIN_BUILD_ID=$(git describe --always --dirty) .
#   docker run --rm loadtwin --version
#   docker run --rm loadtwin sim                                  # the embedded baseline
#   docker run --rm -v "$PWD:/work" loadtwin sim plans/baseline.json --junit gate.xml
#   docker run --rm -v "$PWD:/work" loadtwin convert tests/performance/baseline.k6.js \
#       -o plans/baseline.json
# Files live in /work (the working directory); loadtwin's shipped plans in
# /usr/share/loadtwin/models/. `live` needs the target on the container's network
# (--network host for a server on the host's loopback).

FROM debian:12 AS build
# The build id `loadtwin --version` prints: .git is not part of the build context.
ARG LOADTWIN_BUILD_ID=unknown
WORKDIR /src
COPY . .
# setup.sh installs the Debian 12 build packages (as root here, so without sudo);
# package.sh builds loadtwin alone in Release and makes build/package/loadtwin_*.deb.
RUN scripts/setup.sh \
 && scripts/package.sh build/package -DLOADTWIN_BUILD_ID="${LOADTWIN_BUILD_ID}" \
 && cp build/package/loadtwin_*.deb /loadtwin.deb

FROM debian:12-slim
COPY --from=build /loadtwin.deb /tmp/loadtwin.deb
# apt resolves the package's declared runtime dependencies (Boost.JSON, fmt, OpenSSL, zlib).
RUN apt-get update \
 && apt-get install -y --no-install-recommends /tmp/loadtwin.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/loadtwin.deb \
 && loadtwin --version
WORKDIR /work
ENTRYPOINT ["loadtwin"]
CMD ["--help"]
