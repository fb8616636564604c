// The one translation unit that compiles Asio and Beast (separate compilation, like Beast's
// test/lib_asio.cpp): every other file includes only their headers.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
