#ifndef PIPELINE_CLIBXML2_SHIM_H
#define PIPELINE_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU, and <libxml/encoding.h> then includes the system ICU headers,
 * which clash with the ICU copy that Foundation ships (same names, different enum members).
 * Ingest never touches the ICU members of xmlCharEncodingHandler (it decodes bytes itself and
 * hands libxml2 UTF-8), so the ICU part of the headers is switched off for this module only. */
#include <libxml/xmlversion.h>
#ifdef LIBXML_ICU_ENABLED
#undef LIBXML_ICU_ENABLED
#endif

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>

/// `xmlFree` is a function-pointer variable in libxml2, which Swift cannot call directly.
static inline void pipeline_xml_free(void *pointer) {
    xmlFree(pointer);
}

#endif
