// SPDX-License-Identifier: Apache-2.0
// GuardedHttpServer: the reader thread, the worker pool and the socket stream that bound what
// each connection may cost (see front_door.h).
#include "server/front_door.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace urbanmine::server {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Longest a blocked read or write sleeps before it looks at the stop flag again.
constexpr int kPollSliceMs = 200;
// How often the reader sweeps its connections for passed deadlines.
constexpr int kSweepMs = 100;
// How long a worker waits for a keep-alive client's next request before handing the connection
// back to the reader.
constexpr int kFastPathWaitMs = 1;
// Bytes read from a socket at once.
constexpr std::size_t kRecvChunk = 16 * 1024;
// Chunked bodies carry framing (sizes, CRLFs): the raw bytes a body may take before the read is
// refused, as a multiple of max_body_bytes. The decoded body is checked against the limit itself.
constexpr std::size_t kRawBodyFactor = 2;
constexpr std::size_t kRawBodySlack = 64 * 1024;

thread_local ConnectionFlags* tl_flags = nullptr;

int ms_until(Clock::time_point t) {
  const auto left = std::chrono::duration_cast<milliseconds>(t - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

void close_socket(int fd) {
  ::shutdown(fd, SHUT_RDWR);
  ::close(fd);
}

// A short answer written by the front door itself (no handler ran), then the socket is closed.
void answer_and_close(int fd, int status, const char* reason, const char* code,
                      const std::string& message, int retry_after_seconds) {
  const std::string body = std::string("{\"error\":{\"code\":\"") + code + "\",\"message\":\"" +
                           message + "\",\"hint\":\"retry later\"}}";
  std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason +
                     "\r\nContent-Type: application/json\r\nConnection: close\r\n";
  if (retry_after_seconds > 0)
    head += "Retry-After: " + std::to_string(retry_after_seconds) + "\r\n";
  head += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  // Best effort: the socket is non-blocking and the answer fits in its send buffer.
  [[maybe_unused]] const auto sent = ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  close_socket(fd);
}

struct Conn {
  int fd = -1;
  std::string buffer;          // bytes received and not yet handled
  Clock::time_point deadline;  // idle: close silently; partial headers: 408
  std::size_t served = 0;      // requests answered on this connection
  bool idle() const { return buffer.empty(); }
};

std::size_t header_end(const std::string& buffer) {
  const auto pos = buffer.find("\r\n\r\n");
  return pos == std::string::npos ? 0 : pos + 4;
}

// The httplib Stream over one connection for one request: serves the bytes the reader already
// has first, then reads the socket, within the request's deadline and the body limit.
class ConnStream final : public httplib::Stream {
 public:
  ConnStream(int fd, std::string buffer, std::size_t header_bytes, const FrontDoorOptions& o,
             const std::atomic<bool>& stopping, ConnectionFlags& flags)
      : fd_(fd),
        buf_(std::move(buffer)),
        header_bytes_(header_bytes),
        max_total_(header_bytes + o.max_body_bytes * kRawBodyFactor + kRawBodySlack),
        deadline_(Clock::now() + milliseconds(o.request_timeout_ms)),
        read_timeout_ms_(o.read_timeout_ms),
        write_timeout_ms_(o.write_timeout_ms),
        stopping_(stopping),
        flags_(flags) {}

  bool is_readable() const override { return pos_ < buf_.size() || wait(POLLIN, read_timeout_ms_); }
  bool is_writable() const override { return wait(POLLOUT, write_timeout_ms_); }

  ssize_t read(char* ptr, std::size_t size) override {
    if (returned_ >= max_total_) {
      flags_.body_over_limit = true;
      return -1;
    }
    size = std::min(size, max_total_ - returned_);
    if (pos_ >= buf_.size()) {
      if (!fill()) return -1;
    }
    const std::size_t n = std::min(size, buf_.size() - pos_);
    std::memcpy(ptr, buf_.data() + pos_, n);
    pos_ += n;
    returned_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::send(fd_, ptr + done, size - done, MSG_NOSIGNAL);
      if (n > 0) {
        done += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        if (!wait(POLLOUT, write_timeout_ms_)) return -1;
        continue;
      }
      return -1;
    }
    return static_cast<ssize_t>(done);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) describe(addr, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) describe(addr, ip, port);
  }
  socket_t socket() const override { return fd_; }

  bool failed() const { return failed_; }
  bool body_started() const { return returned_ > header_bytes_; }
  std::string leftover() const { return buf_.substr(std::min(pos_, buf_.size())); }

 private:
  static void describe(const sockaddr_storage& addr, std::string& ip, int& port) {
    char text[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
      const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
      ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof(text));
      port = ntohs(a->sin_port);
    } else if (addr.ss_family == AF_INET6) {
      const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
      ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof(text));
      port = ntohs(a->sin6_port);
    }
    ip = text;
  }

  // Waits up to timeout_ms for `events`, in slices so that a stopping server is noticed, and never
  // past the request's deadline for reads.
  bool wait(short events, int timeout_ms) const {
    const auto until = Clock::now() + milliseconds(timeout_ms);
    for (;;) {
      if (stopping_.load()) return false;
      int left = ms_until(until);
      if (events == POLLIN) left = std::min(left, ms_until(deadline_));
      if (left <= 0) return false;
      pollfd p{fd_, events, 0};
      const int r = ::poll(&p, 1, std::min(left, kPollSliceMs));
      if (r > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
      if (r < 0 && errno != EINTR) return false;
    }
  }

  bool fill() {
    buf_.assign(kRecvChunk, '\0');
    pos_ = 0;
    for (;;) {
      const ssize_t n = ::recv(fd_, buf_.data(), buf_.size(), 0);
      if (n > 0) {
        buf_.resize(static_cast<std::size_t>(n));
        return true;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        if (wait(POLLIN, read_timeout_ms_)) continue;
        if (Clock::now() >= deadline_) failed_ = true;
      }
      buf_.clear();
      failed_ = failed_ || n < 0;
      return false;
    }
  }

  int fd_;
  std::string buf_;
  std::size_t pos_ = 0;
  std::size_t header_bytes_;
  std::size_t max_total_;
  std::size_t returned_ = 0;
  Clock::time_point deadline_;
  int read_timeout_ms_;
  int write_timeout_ms_;
  const std::atomic<bool>& stopping_;
  ConnectionFlags& flags_;
  bool failed_ = false;
};

}  // namespace

ConnectionFlags* current_connection_flags() { return tl_flags; }

struct GuardedHttpServer::State {
  GuardedHttpServer* server = nullptr;
  FrontDoorOptions options;
  std::atomic<bool> stopping{false};
  std::atomic<bool> started{false};
  std::atomic<std::size_t> connections{0};

  int epoll_fd = -1;
  int wake_fd = -1;
  std::thread reader;
  std::vector<std::thread> workers;

  std::mutex mutex;
  std::condition_variable ready_cv;
  std::deque<Conn> ready;     // complete headers, waiting for a worker
  std::deque<Conn> incoming;  // new or returning connections, for the reader

  void start() {
    if (started.exchange(true)) return;
    stopping = false;
    epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
    wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = wake_fd;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, wake_fd, &ev);
    reader = std::thread([this] { read_loop(); });
    for (int i = 0; i < std::max(1, options.workers); ++i) {
      workers.emplace_back([this] { work_loop(); });
    }
  }

  void stop() {
    if (!started.exchange(false)) return;
    stopping = true;
    wake();
    ready_cv.notify_all();
    if (reader.joinable()) reader.join();
    for (auto& w : workers) {
      if (w.joinable()) w.join();
    }
    workers.clear();
    std::lock_guard<std::mutex> lock(mutex);
    for (auto& c : ready) close_socket(c.fd);
    for (auto& c : incoming) close_socket(c.fd);
    ready.clear();
    incoming.clear();
    ::close(epoll_fd);
    ::close(wake_fd);
    connections = 0;
  }

  void wake() const {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(wake_fd, &one, sizeof(one));
  }

  void release(int fd) {
    close_socket(fd);
    connections.fetch_sub(1);
  }

  void reject(int fd, int status, const char* reason, const char* code, const std::string& msg) {
    answer_and_close(fd, status, reason, code, msg,
                     status == 503 ? options.retry_after_seconds : 0);
    connections.fetch_sub(1);
  }

  // A new connection from httplib's accept loop (its own thread).
  void admit(int fd) {
    if (stopping.load()) {
      close_socket(fd);
      return;
    }
    const int flags = ::fcntl(fd, F_GETFL, 0);
    ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    // Small answers leave at once (Nagle would hold them for the client's delayed ACK).
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    if (connections.fetch_add(1) + 1 > options.max_connections) {
      reject(fd, 503, "Service Unavailable", "busy",
             "the server holds as many connections as it takes");
      return;
    }
    Conn c;
    c.fd = fd;
    c.deadline = Clock::now() + milliseconds(options.header_timeout_ms);
    hand_to_reader(std::move(c));
  }

  void hand_to_reader(Conn c) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      incoming.push_back(std::move(c));
    }
    wake();
  }

  // Complete headers: to the workers, or 503 when too many wait already.
  void dispatch(Conn c) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (ready.size() < options.max_queued) {
        ready.push_back(std::move(c));
        ready_cv.notify_one();
        return;
      }
    }
    reject(c.fd, 503, "Service Unavailable", "busy", "every worker is busy and the queue is full");
  }

  void read_loop() {
    std::unordered_map<int, Conn> conns;
    std::vector<epoll_event> events(64);
    auto next_sweep = Clock::now();
    while (!stopping.load()) {
      const int n =
          ::epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), kSweepMs);
      std::deque<Conn> arrived;
      {
        std::lock_guard<std::mutex> lock(mutex);
        arrived.swap(incoming);
      }
      for (auto& c : arrived) {
        if (header_end(c.buffer) > 0) {
          dispatch(std::move(c));
          continue;
        }
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLRDHUP;
        ev.data.fd = c.fd;
        if (::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, c.fd, &ev) != 0) {
          release(c.fd);
          continue;
        }
        const int fd = c.fd;
        conns[fd] = std::move(c);
      }
      for (int i = 0; i < n; ++i) {
        const int fd = events[static_cast<std::size_t>(i)].data.fd;
        if (fd == wake_fd) {
          std::uint64_t value = 0;
          [[maybe_unused]] const auto r = ::read(wake_fd, &value, sizeof(value));
          continue;
        }
        auto it = conns.find(fd);
        if (it == conns.end()) continue;
        read_some(conns, it);
      }
      const auto now = Clock::now();
      if (now >= next_sweep) {
        next_sweep = now + milliseconds(kSweepMs);
        for (auto it = conns.begin(); it != conns.end();) {
          if (it->second.deadline > now) {
            ++it;
            continue;
          }
          ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, it->first, nullptr);
          if (it->second.idle()) {
            release(it->first);
          } else {
            reject(it->first, 408, "Request Timeout", "timeout",
                   "the request headers did not arrive in time");
          }
          it = conns.erase(it);
        }
      }
    }
    for (auto& [fd, c] : conns) release(fd);
  }

  void read_some(std::unordered_map<int, Conn>& conns, std::unordered_map<int, Conn>::iterator it) {
    Conn& c = it->second;
    char chunk[kRecvChunk];
    for (;;) {
      const ssize_t r = ::recv(c.fd, chunk, sizeof(chunk), 0);
      if (r > 0) {
        if (c.idle()) c.deadline = Clock::now() + milliseconds(options.header_timeout_ms);
        const std::size_t from = c.buffer.size() < 3 ? 0 : c.buffer.size() - 3;
        c.buffer.append(chunk, static_cast<std::size_t>(r));
        if (c.buffer.find("\r\n\r\n", from) != std::string::npos) {
          ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c.fd, nullptr);
          Conn done = std::move(c);
          conns.erase(it);
          dispatch(std::move(done));
          return;
        }
        if (c.buffer.size() > options.max_header_bytes) {
          ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c.fd, nullptr);
          reject(c.fd, 431, "Request Header Fields Too Large", "invalid_input",
                 "the request line and headers are too long");
          conns.erase(it);
          return;
        }
        continue;
      }
      if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (r < 0 && errno == EINTR) continue;
      ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c.fd, nullptr);
      release(c.fd);
      conns.erase(it);
      return;
    }
  }

  void work_loop() {
    for (;;) {
      Conn c;
      {
        std::unique_lock<std::mutex> lock(mutex);
        ready_cv.wait(lock, [this] { return stopping.load() || !ready.empty(); });
        if (stopping.load()) return;
        c = std::move(ready.front());
        ready.pop_front();
      }
      serve(std::move(c));
    }
  }

  // Reads what has already arrived on a keep-alive connection, waiting at most
  // kFastPathWaitMs; false when the client closed.
  bool read_ready(Conn& c) {
    pollfd p{c.fd, POLLIN, 0};
    if (::poll(&p, 1, kFastPathWaitMs) <= 0) return true;
    char chunk[kRecvChunk];
    while (c.buffer.size() <= options.max_header_bytes) {
      const ssize_t r = ::recv(c.fd, chunk, sizeof(chunk), 0);
      if (r > 0) {
        c.buffer.append(chunk, static_cast<std::size_t>(r));
        continue;
      }
      return r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
    }
    return true;
  }

  bool queue_empty() {
    std::lock_guard<std::mutex> lock(mutex);
    return ready.empty();
  }

  void serve(Conn c) {
    for (;;) {
      ConnectionFlags flags;
      const std::size_t header_bytes = header_end(c.buffer);
      ConnStream stream(c.fd, std::move(c.buffer), header_bytes, options, stopping, flags);
      bool closed = false;
      const bool close_now = c.served + 1 >= options.keep_alive_max_requests || stopping.load();
      tl_flags = &flags;
      const bool ok = server->run_request(stream, close_now, closed);
      tl_flags = nullptr;
      if (!ok || closed || close_now || flags.close_after || flags.body_over_limit ||
          stream.failed() || stopping.load()) {
        release(c.fd);
        return;
      }
      c.buffer = stream.leftover();
      c.served += 1;
      // A client that sends its next request at once (most do) is served on this worker, but
      // only once its headers are complete and while no other request waits for a worker.
      if (header_end(c.buffer) == 0 && !read_ready(c)) {
        release(c.fd);
        return;
      }
      if (header_end(c.buffer) > 0 && queue_empty()) continue;
      c.deadline = Clock::now() + milliseconds(c.buffer.empty() ? options.keep_alive_timeout_ms
                                                                : options.header_timeout_ms);
      hand_to_reader(std::move(c));
      return;
    }
  }
};

namespace {

// httplib's task queue slot: the accept loop hands each socket to process_and_close_socket, which
// gives it to the reader at once; the queue's shutdown stops the reader and the workers.
class FrontQueue final : public httplib::TaskQueue {
 public:
  explicit FrontQueue(std::shared_ptr<GuardedHttpServer::State> state) : state_(std::move(state)) {
    state_->start();
  }
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override { state_->stop(); }

 private:
  std::shared_ptr<GuardedHttpServer::State> state_;
};

}  // namespace

GuardedHttpServer::GuardedHttpServer(const FrontDoorOptions& options)
    : state_(std::make_shared<State>()) {
  state_->server = this;
  state_->options = options;
  set_payload_max_length(options.max_body_bytes);
  set_keep_alive_max_count(options.keep_alive_max_requests);
  auto state = state_;
  new_task_queue = [state] { return new FrontQueue(state); };
}

GuardedHttpServer::~GuardedHttpServer() { state_->stop(); }

bool GuardedHttpServer::raise_backlog() {
  const socket_t sock = svr_sock_;
  if (sock == INVALID_SOCKET) return false;
  return ::listen(sock, state_->options.backlog) == 0;
}

bool GuardedHttpServer::run_request(httplib::Stream& stream, bool close_connection,
                                    bool& connection_closed) {
  return process_request(stream, close_connection, connection_closed, nullptr);
}

bool GuardedHttpServer::process_and_close_socket(socket_t sock) {
  state_->admit(sock);
  return true;
}

}  // namespace urbanmine::server
