global using NasSharp.Predictors;
