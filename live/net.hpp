#pragma once
// Asio/Beast names used across live/. Asio and Beast are compiled once, in asio_impl.cpp.
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace loadtwin::live {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using SteadyTime = std::chrono::steady_clock::time_point;

// co_await op(..., use_nothrow) yields a tuple starting with the error_code: no exceptions
// on the wire's ordinary failures (STYLE: operating errors are values).
inline constexpr auto use_nothrow = net::as_tuple(net::use_awaitable);

}  // namespace loadtwin::live
