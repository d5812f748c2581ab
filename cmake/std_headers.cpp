// The source CMake compiles to make the precompiled standard headers of cmake/PrecompiledHeaders.cmake;
// those headers are all it contains.
