# Before validation: each subject is linked to every graph that says something about it
# (irdc:assertedIn), a triple outside any named graph to irdc:DefaultGraph (which no
# source backs, so the provenance shapes catch it), and the union of the named graphs
# becomes the default graph the checks read. Runs in the engine, not row by row in Python.
INSERT { ?s irdc:assertedIn irdc:DefaultGraph } WHERE { ?s ?p ?o } ;
INSERT { ?s ?p ?o . ?s irdc:assertedIn ?g } WHERE { GRAPH ?g { ?s ?p ?o } }
