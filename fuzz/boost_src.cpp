// Boost.JSON and Boost.URL compiled here, instrumented like the code under
// test, so that the fuzzer's coverage reaches into the parsers themselves
// (the main build links Debian's compiled libraries).
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
