#pragma once

#include <cstddef>
#include <utility>
#include <variant>

namespace actordev {

/// A value or an error, for runtime/ code that must stay free of CAF
/// (whose `expected` the actors use). `E` is usually a small struct or
/// a vector of them.
template <class T, class E>
class result {
public:
  result(T value)
      : v_(std::in_place_index<0>, std::move(value)) {}
  static result failure(E error) {
    return result(std::in_place_index<1>, std::move(error));
  }

  explicit operator bool() const noexcept { return v_.index() == 0; }
  bool ok() const noexcept { return v_.index() == 0; }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  E& error() & { return std::get<1>(v_); }
  const E& error() const& { return std::get<1>(v_); }

private:
  template <size_t I, class U>
  result(std::in_place_index_t<I> i, U&& u)
      : v_(i, std::forward<U>(u)) {}
  std::variant<T, E> v_;
};

} // namespace actordev
