#ifndef CORRIDOR_CLIBXML2_SHIM_H
#define CORRIDOR_CLIBXML2_SHIM_H

/* xmlversion.h first, then drop ICU: Debian's libxml2 headers would otherwise pull in the
   system ICU headers, which clash with the ICU inside Swift's Foundation on a clean build
   ("'UErrorCode' has different definitions"). Never use xmlCharEncodingHandler by value. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>

/// xmlFree is a mutable global function pointer, which Swift 6 refuses to read.
static inline void corridor_xml_free(void *pointer) { xmlFree(pointer); }

/// xmlGenericErrorFunc is C-variadic: Swift can neither write nor call one.
static void corridor_ignore_generic_error(void *context, const char *message, ...) {
    (void)context; (void)message;
}

/// Silences libxml2's generic (non-structured) error output for the calling thread.
static inline void corridor_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, corridor_ignore_generic_error);
}

/// Refuses every external entity and DTD: the gateway never loads anything but the bytes it is given.
static xmlParserInputPtr corridor_refuse_external_entity(const char *url, const char *id, xmlParserCtxtPtr context) {
    (void)url; (void)id; (void)context;
    return NULL;
}

/// Installs the refusing loader process-wide.
static inline void corridor_install_entity_loader(void) {
    xmlSetExternalEntityLoader(corridor_refuse_external_entity);
}

/// Called on `<!DOCTYPE`: ISO 20022 messages never carry one, so the parse stops before any
/// entity is declared, let alone expanded.
static void corridor_refuse_doctype(void *context, const xmlChar *name, const xmlChar *externalID, const xmlChar *systemID) {
    (void)name; (void)externalID; (void)systemID;
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr)context;
    parser->wellFormed = 0;
    parser->_private = (void *)1;
    xmlStopParser(parser);
}

/// Installs the DOCTYPE refusal on a parser context; `corridor_saw_doctype` tells afterwards.
static inline void corridor_forbid_doctype(xmlParserCtxtPtr parser) {
    parser->_private = NULL;
    parser->sax->internalSubset = corridor_refuse_doctype;
}

static inline int corridor_saw_doctype(xmlParserCtxtPtr parser) {
    return parser->_private != NULL;
}

/// Reads the parser context's depth limit guard: libxml2 2.9 caps depth at 256 without
/// XML_PARSE_HUGE, which is what the gateway wants.
static inline int corridor_parser_well_formed(xmlParserCtxtPtr parser) { return parser->wellFormed; }

#endif
