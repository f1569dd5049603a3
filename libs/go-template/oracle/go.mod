module fjord.local/gotemplateoracle

go 1.26
