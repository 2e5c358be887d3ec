#ifndef PIPELINE_CLIBXML2_SHIM_H
#define PIPELINE_CLIBXML2_SHIM_H

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
