// memory.hpp — giving memory the process no longer uses back to the system. After a large piece of
// work (a catalogue import) glibc keeps the freed heap for later; a kiosk that imports a catalogue a
// day would carry the import's peak as resident memory until its next restart.
#pragma once

namespace lotsen {

/// Returns the free parts of the heap to the system (glibc's malloc_trim(0): the top of the heap and
/// every free page inside it); what is still in use stays.
void release_free_memory();

}  // namespace lotsen
