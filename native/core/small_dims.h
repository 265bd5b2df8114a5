// Dims: a vector of int64 with inline room for 8 entries, so the shapes and strides that every
// call unpacks never touch the heap (at most 64 entries ever reach the kernels).
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>

namespace tg {

class Dims {
 public:
  using value_type = int64_t;
  using iterator = int64_t*;
  using const_iterator = const int64_t*;

  Dims() = default;
  explicit Dims(size_t n, int64_t v = 0) { assign(n, v); }
  Dims(std::initializer_list<int64_t> init) {
    reserve(init.size());
    for (int64_t v : init) push_back(v);
  }
  Dims(const Dims& o) { *this = o; }
  Dims& operator=(const Dims& o) {
    if (this != &o) {
      size_ = 0;
      reserve(o.size_);
      std::copy(o.begin(), o.end(), data());
      size_ = o.size_;
    }
    return *this;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  int64_t* data() { return heap_ ? heap_.get() : inline_; }
  const int64_t* data() const { return heap_ ? heap_.get() : inline_; }
  int64_t& operator[](size_t i) { return data()[i]; }
  int64_t operator[](size_t i) const { return data()[i]; }
  int64_t& back() { return data()[size_ - 1]; }
  int64_t back() const { return data()[size_ - 1]; }
  iterator begin() { return data(); }
  iterator end() { return data() + size_; }
  const_iterator begin() const { return data(); }
  const_iterator end() const { return data() + size_; }

  void push_back(int64_t v) {
    reserve(size_ + 1);
    data()[size_++] = v;
  }
  void erase(iterator at) {
    std::copy(at + 1, end(), at);
    --size_;
  }

 private:
  void assign(size_t n, int64_t v) {
    reserve(n);
    std::fill(data(), data() + n, v);
    size_ = n;
  }
  void reserve(size_t n) {
    if (n <= capacity_) return;
    size_t cap = std::max(n, capacity_ * 2);
    std::unique_ptr<int64_t[]> grown(new int64_t[cap]);
    std::copy(begin(), end(), grown.get());
    heap_ = std::move(grown);
    capacity_ = cap;
  }

  static constexpr size_t kInline = 8;
  int64_t inline_[kInline];
  std::unique_ptr<int64_t[]> heap_;
  size_t capacity_ = kInline;
  size_t size_ = 0;
};

}  // namespace tg
