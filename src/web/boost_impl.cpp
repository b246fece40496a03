// Compiles Boost.Asio and Boost.Beast once for the whole program
// (BOOST_*_SEPARATE_COMPILATION is set project-wide), so no other
// translation unit pays for their implementation.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
