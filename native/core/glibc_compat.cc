// Keeps the shipped addon loadable on glibc 2.28 (Debian 10, RHEL 8) although it is built on a
// newer system with libstdc++ linked statically. Linux x86-64 and AArch64 (the cross-compiled
// arm64 prebuild); elsewhere this file is empty.
//
// The linker wraps (-Wl,--wrap=NAME, set in CMakeLists.txt and binding.gyp) every reference to
// the symbols below, ours and those inside libstdc++.a, and the wrappers call the oldest versions
// of the same functions, which every glibc since the architecture's first (2.2.5 on x86-64, 2.17
// on AArch64) still exports. Two symbols that the static libstdc++ merely references are defined
// here so that no new glibc is needed for them: __libc_single_threaded (0 = "maybe threaded":
// always correct) and arc4random (reached only through std::random_device, which tensorgrad
// never uses).
#include <cstdint>  // defines __GLIBC__ on glibc systems

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__)) && defined(__GLIBC__) && \
    defined(TG_GLIBC_COMPAT)

#if defined(__x86_64__)
#define TG_GLIBC_BASE "GLIBC_2.2.5"
#else
#define TG_GLIBC_BASE "GLIBC_2.17"
#endif

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#define TG_OLD(ret, name, params, args)                         \
  extern "C" ret tg_old_##name params;                          \
  __asm__(".symver tg_old_" #name "," #name "@" TG_GLIBC_BASE); \
  extern "C" __attribute__((visibility("hidden"))) ret __wrap_##name params { return tg_old_##name args; }

// clang-format would read the parameter lists in these macro arguments as expressions.
// clang-format off
TG_OLD(int, pthread_create, (pthread_t* t, const pthread_attr_t* a, void* (*f)(void*), void* p), (t, a, f, p))
TG_OLD(int, pthread_join, (pthread_t t, void** r), (t, r))
TG_OLD(int, pthread_detach, (pthread_t t), (t))
TG_OLD(int, pthread_once, (pthread_once_t* o, void (*f)(void)), (o, f))
TG_OLD(int, pthread_key_create, (pthread_key_t* k, void (*d)(void*)), (k, d))
TG_OLD(int, __pthread_key_create, (pthread_key_t* k, void (*d)(void*)), (k, d))
TG_OLD(int, pthread_key_delete, (pthread_key_t k), (k))
TG_OLD(void*, pthread_getspecific, (pthread_key_t k), (k))
TG_OLD(int, pthread_setspecific, (pthread_key_t k, const void* v), (k, v))
TG_OLD(int, pthread_mutex_trylock, (pthread_mutex_t* m), (m))
TG_OLD(int, pthread_sigmask, (int how, const sigset_t* set, sigset_t* old), (how, set, old))
TG_OLD(double, exp, (double x), (x))
TG_OLD(double, log, (double x), (x))
TG_OLD(double, pow, (double x, double y), (x, y))
TG_OLD(double, exp2, (double x), (x))
TG_OLD(double, log2, (double x), (x))
TG_OLD(double, hypot, (double x, double y), (x, y))
TG_OLD(float, hypotf, (float x, float y), (x, y))
// clang-format on

extern "C" {
__attribute__((visibility("hidden"))) char __libc_single_threaded = 0;

__attribute__((visibility("hidden"))) uint32_t arc4random(void) {
  uint32_t v = 0;
  const int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    if (read(fd, &v, sizeof v) != static_cast<ssize_t>(sizeof v)) v = 0;
    close(fd);
  }
  return v;
}
}

#endif
