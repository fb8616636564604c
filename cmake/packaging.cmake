# `cmake --install` (binary to bin/, shipped plans to share/loadtwin/models/, README to
# share/doc/loadtwin/) and the Debian package (CPack, DEB generator): `scripts/package.sh`.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/models/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/loadtwin/models)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME loadtwin)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "loadtwin maintainers <loadtwin@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Verify latency SLOs of streaming LLM APIs with k6's semantics, in simulation and live")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # loadtwin_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Debian 12's runtime packages of what the binary links (tests/package checks them against
# ldd): Boost.JSON and fmt are shared libraries; OpenSSL and zlib are declared ahead of the
# TLS and compression work that will link them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libboost-json1.81.0, libfmt9, libssl3, zlib1g, libc6 (>= 2.36), libstdc++6 (>= 12), libgcc-s1")
include(CPack)
