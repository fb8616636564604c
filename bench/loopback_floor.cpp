// The kernel's floor for a streaming client on this machine: what it costs a receiver to
// take one small TCP segment off loopback, with no HTTP, SSE, JSON or metrics above it.
// A sender thread writes one EVENT_BYTES write to each of CONNECTIONS sockets in turn, RATE
// writes a second; the receiving thread waits in epoll (edge-triggered, as Asio does) and
// reads each ready socket once (or, with --drain, until EAGAIN: Asio's speculative read).
// Prints the receiving thread's CPU per write: loadtwin live's CPU per arrival can be no
// lower than this. Usage: loopback_floor [--drain] CONNECTIONS RATE SECONDS EVENT_BYTES
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  bool drain = false;
  int connections = 1000;
  double rate = 37800;  // run_live_bench.sh's 1 000 ramped VUs: 3 440 requests/s x 11 writes
  double seconds = 5;
  std::size_t event_bytes = 150;
};

struct Pairs {
  std::vector<int> receivers;  // non-blocking, in the epoll set
  std::vector<int> senders;    // the accepted ends, TCP_NODELAY as the mock's
};

[[noreturn]] void die(char const* what) {
  std::perror(what);
  std::exit(2);
}

Pairs connect_pairs(int count) {
  int const listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(listener, reinterpret_cast<sockaddr*>(&address), length) != 0) die("bind");
  if (::listen(listener, SOMAXCONN) != 0) die("listen");
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  Pairs pairs;
  int const one = 1;
  for (int i = 0; i < count; ++i) {
    int const client = ::socket(AF_INET, SOCK_STREAM, 0);
    if (::connect(client, reinterpret_cast<sockaddr*>(&address), length) != 0) die("connect");
    int const server = ::accept(listener, nullptr, nullptr);
    if (server < 0) die("accept");
    ::setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::fcntl(client, F_SETFL, O_NONBLOCK);
    pairs.receivers.push_back(client);
    pairs.senders.push_back(server);
  }
  ::close(listener);
  return pairs;
}

// Paced by spinning: at tens of thousands of writes a second the gaps are shorter than a
// sleep's wake-up, and the sender has a core of its own as the mock has.
void send_paced(std::vector<int> const& senders, Options const& options,
                std::atomic<bool> const& stop) {
  std::string const event(options.event_bytes, 'x');
  auto const start = Clock::now();
  auto const gap = std::chrono::duration<double>(1.0 / options.rate);
  for (std::size_t k = 0; !stop.load(std::memory_order_relaxed); ++k) {
    auto const due = start + std::chrono::duration_cast<Clock::duration>(gap * double(k));
    while (Clock::now() < due) {
      if (stop.load(std::memory_order_relaxed)) return;
    }
    ::send(senders[k % senders.size()], event.data(), event.size(), MSG_NOSIGNAL);
  }
}

struct Received {
  std::size_t bytes = 0;
  std::size_t reads = 0;
};

Received receive(std::vector<int> const& receivers, Options const& options) {
  int const poller = ::epoll_create1(0);
  for (std::size_t i = 0; i < receivers.size(); ++i) {
    epoll_event registration{};
    registration.events = EPOLLIN | EPOLLET;
    registration.data.fd = receivers[i];
    ::epoll_ctl(poller, EPOLL_CTL_ADD, receivers[i], &registration);
  }
  std::vector<char> buffer(65536);
  std::array<epoll_event, 128> ready{};
  Received got;
  auto const end = Clock::now() + std::chrono::duration<double>(options.seconds);
  while (Clock::now() < end) {
    int const count = ::epoll_wait(poller, ready.data(), int(ready.size()), 100);
    for (int j = 0; j < count; ++j) {
      for (;;) {
        ssize_t const n = ::recv(ready[j].data.fd, buffer.data(), buffer.size(), 0);
        ++got.reads;
        if (n <= 0) break;
        got.bytes += std::size_t(n);
        if (!options.drain) break;
      }
    }
  }
  ::close(poller);
  return got;
}

double cpu_seconds(timeval const& t) { return double(t.tv_sec) + double(t.tv_usec) * 1e-6; }

Options parse(int argc, char** argv) {
  Options options;
  int i = 1;
  if (i < argc && std::string_view(argv[i]) == "--drain") {
    options.drain = true;
    ++i;
  }
  if (argc - i != 4) {
    std::fprintf(stderr, "usage: loopback_floor [--drain] CONNECTIONS RATE SECONDS BYTES\n");
    std::exit(2);
  }
  options.connections = std::atoi(argv[i]);
  options.rate = std::atof(argv[i + 1]);
  options.seconds = std::atof(argv[i + 2]);
  options.event_bytes = std::size_t(std::atol(argv[i + 3]));
  if (options.connections < 1 || options.rate <= 0 || options.seconds <= 0 ||
      options.event_bytes < 1) {
    std::fprintf(stderr, "loopback_floor: every number must be positive\n");
    std::exit(2);
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  Options const options = parse(argc, argv);
  Pairs const pairs = connect_pairs(options.connections);
  std::atomic<bool> stop{false};
  rusage before{};
  ::getrusage(RUSAGE_THREAD, &before);
  std::thread sender([&] { send_paced(pairs.senders, options, stop); });
  Received const got = receive(pairs.receivers, options);
  rusage after{};
  ::getrusage(RUSAGE_THREAD, &after);
  stop = true;
  sender.join();
  double const user = cpu_seconds(after.ru_utime) - cpu_seconds(before.ru_utime);
  double const system = cpu_seconds(after.ru_stime) - cpu_seconds(before.ru_stime);
  double const writes = double(got.bytes) / double(options.event_bytes);
  std::printf(
      "%d connections, %.0f writes/s of %zu B%s: %.0f writes, %zu reads; receiver "
      "%.2f s user + %.2f s system = %.2f us CPU per write (%.0f %% of a core)\n",
      options.connections, options.rate, options.event_bytes,
      options.drain ? ", drained to EAGAIN" : "", writes, got.reads, user, system,
      (user + system) / writes * 1e6, (user + system) / options.seconds * 100);
  return 0;
}
