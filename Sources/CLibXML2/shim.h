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
#include <libxml/SAX2.h>

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

/// Per-parse guard state, reached through the parser context's `_private` pointer.
typedef struct {
    int saw_doctype;
    int doctype_line;
    int max_depth;
    int depth_exceeded;
} corridor_parse_guard;

/// Called on `<!DOCTYPE`: ISO 20022 messages never carry one, so the parse stops before any
/// entity is declared, let alone expanded (XXE, billion laughs).
static void corridor_refuse_doctype(void *context, const xmlChar *name, const xmlChar *externalID, const xmlChar *systemID) {
    (void)name; (void)externalID; (void)systemID;
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr)context;
    corridor_parse_guard *guard = (corridor_parse_guard *)parser->_private;
    if (guard) {
        guard->saw_doctype = 1;
        guard->doctype_line = parser->input ? parser->input->line : 0;
    }
    xmlStopParser(parser);
}

/// Start-element hook enforcing the depth limit before libxml2 builds the node.
static void corridor_start_element(void *context, const xmlChar *localname, const xmlChar *prefix,
                                   const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                                   int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
    xmlParserCtxtPtr parser = (xmlParserCtxtPtr)context;
    corridor_parse_guard *guard = (corridor_parse_guard *)parser->_private;
    if (guard && parser->nameNr > guard->max_depth) {
        guard->depth_exceeded = 1;
        xmlStopParser(parser);
        return;
    }
    xmlSAX2StartElementNs(context, localname, prefix, uri, nb_namespaces, namespaces,
                          nb_attributes, nb_defaulted, attributes);
}

/// Installs the DOCTYPE refusal and the depth limit on a fresh parser context.
static inline void corridor_guard_parser(xmlParserCtxtPtr parser, corridor_parse_guard *guard) {
    parser->_private = guard;
    parser->sax->internalSubset = corridor_refuse_doctype;
    parser->sax->startElementNs = corridor_start_element;
}

/// The parser's well-formedness flag after a parse.
static inline int corridor_parser_well_formed(xmlParserCtxtPtr parser) { return parser->wellFormed; }

#endif
